/**
 * The switch process's control side: {@link dev.fastpath.dataplane.embedded.control.SwitchEngine} (validated port
 * changes, PMD thread, restore), {@link dev.fastpath.dataplane.embedded.control.ControlServer} (line-delimited JSON
 * over a 0600 unix socket) and {@link dev.fastpath.dataplane.embedded.control.PortStore} (atomic port-set file).
 */
package dev.fastpath.dataplane.embedded.control;
