/**
 * The Quarkus operator: NetworkAttachment to Multus NetworkAttachmentDefinition, NodePolicy x Node to NodeState, admission webhooks for CRs, pods and KubeVirt VMs, status through one aggregator. Never touches a node.
 */
package dev.fastpath.operator;
