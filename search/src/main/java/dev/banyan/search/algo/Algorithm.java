package dev.banyan.search.algo;

/** One search algorithm, run over a {@link SearchRun} until its budget or its own stopping rule ends it. */
interface Algorithm {
    /** Grows {@code run.tree} and returns the chosen answer. Called from one thread; may start others. */
    Choice search(SearchRun run);

    /**
     * The algorithm's pick.
     *
     * @param node the end of the chosen path (a terminal when one was found)
     * @param answer the answer text when a vote chose it, else null (then the path's own answer is used)
     */
    record Choice(Node node, String answer) {
        static Choice of(Node node) {
            return new Choice(node, null);
        }
    }
}
