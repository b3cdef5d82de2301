/**
 * The privileged per-node agent: PF discovery, applying NodeState.spec (VFs, drivers, Flow Director rules, the switch), the CNI server, the kubelet device plugin, the allocation checkpoint and NodeState status.
 */
package dev.fastpath.nodeagent;
