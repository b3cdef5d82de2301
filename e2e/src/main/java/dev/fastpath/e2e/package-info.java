/**
 * Whole-system tests that run the operator, agent, shim and switch together.
 */
package dev.fastpath.e2e;
