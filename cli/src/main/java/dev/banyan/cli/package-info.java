/**
 * The {@code banyan} command line (picocli): {@code search}, {@code run}, {@code compare}, {@code export} and
 * {@code inspect}, on top of {@link dev.banyan.api.Banyan}. Everything here is package-private but the
 * {@link dev.banyan.cli.Main} entry point. Output files are JSON Lines written one whole line per write, so a
 * killed run can be resumed from its output alone.
 */
package dev.banyan.cli;
