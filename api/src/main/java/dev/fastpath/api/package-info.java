/**
 * The fastpath.dev/v1alpha1 API: the NetworkAttachment, NodePolicy and NodeState custom resources, their validation, annotation keys and the functions that name every derived object. Depends only on the Fabric8 model and Jackson annotations.
 */
package dev.fastpath.api;
