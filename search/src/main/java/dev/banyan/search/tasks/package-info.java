/**
 * Tasks as plug-ins: the {@link dev.banyan.search.tasks.TaskRegistry} finds every
 * {@link dev.banyan.search.tasks.TaskProvider} on the class path by name; a provider makes its task from
 * settings, and may bring simulated models, a built-in data set and an answer grader. The command line, the
 * embedded API and the simulated models all go through the registry, so no task is named outside its own
 * package.
 */
package dev.banyan.search.tasks;
