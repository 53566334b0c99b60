/**
 * Tasks as plug-ins: the {@link dev.banyan.search.tasks.TaskRegistry} finds every
 * {@link dev.banyan.search.tasks.TaskProvider} on the class path by name; a provider makes its task from
 * settings, and may bring simulated models, a built-in data set and an answer grader. The command line, the
 * embedded API and the simulated models all go through the registry, so no task is named outside its own
 * package.
 *
 * <p>Settings, a task's and every other settings file's: {@link dev.banyan.search.tasks.TaskSettings} (a task's
 * typed view of its JSON object), {@link dev.banyan.search.tasks.KnownKeys} (an unknown key named with the nearest
 * known one) and {@link dev.banyan.search.tasks.StrictJson} (Jackson set up to bind a settings file onto a record
 * without coercion, and to say which key a failure is at), used by {@code banyan.json}, {@code prm.json} and the
 * algorithms' settings alike.
 */
package dev.banyan.search.tasks;
