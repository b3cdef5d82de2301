/**
 * The node's vhost-user switch behind one Switch interface: the embedded DPDK backend (FFM over DPDK 22.11, run as the fastpath-switch process) and the Open vSwitch backend (OVSDB JSON-RPC).
 */
package dev.fastpath.dataplane;
