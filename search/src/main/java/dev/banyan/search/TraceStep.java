package dev.banyan.search;

/** One step of the answer's trace, with the search's value estimate for it. */
public record TraceStep(String text, double value) {
}
