/**
 * CNI 1.1 types, the thin fastpath shim binary (/opt/cni/bin/fastpath) and the protocol it speaks to the node agent over a unix socket. Jackson only: no Kubernetes client, no FFM.
 */
package dev.fastpath.cniplugin;
