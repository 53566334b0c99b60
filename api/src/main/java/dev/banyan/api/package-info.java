/**
 * Banyan embedded in Java: {@link dev.banyan.api.Banyan} searches questions with the models of a
 * {@link dev.banyan.api.ModelBundle} (a model directory with its {@code banyan.json}, or models built in code)
 * and returns {@link dev.banyan.api.Solution}s carrying the tree and its training targets.
 */
package dev.banyan.api;
