/**
 * The {@code embedded} backend: Fastpath's own DPDK switch, run as the {@code fastpath-switch} process
 * ({@link dev.fastpath.dataplane.embedded.SwitchMain}) and driven through its control socket by
 * {@link dev.fastpath.dataplane.embedded.EmbeddedSwitch}. Sub-packages: {@code dpdk} (FFM bindings in three layers),
 * {@code forwarding} (the L2 learning switch's burst loop), {@code control} (port set, control socket, persistence).
 */
package dev.fastpath.dataplane.embedded;
