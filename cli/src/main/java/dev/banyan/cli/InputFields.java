package dev.banyan.cli;

import picocli.CommandLine.Option;

/** Which fields of an input line hold the id, the question and the expected answer. */
final class InputFields {
    @Option(names = "--question-field", paramLabel = "NAME", defaultValue = "question",
            description = "The input field holding the question (e.g. problem for MATH). Default: ${DEFAULT-VALUE}.")
    String question = "question";

    @Option(names = "--answer-field", paramLabel = "NAME", defaultValue = "answer",
            description = "The input field holding the expected answer: a bare answer or a worked solution ending in "
                    + "one (GSM8K's answer, MATH's solution). Default: ${DEFAULT-VALUE}.")
    String answer = "answer";

    @Option(names = "--id-field", paramLabel = "NAME", defaultValue = "id",
            description = "The input field holding the problem's id; a line without one is named FILE-LINE, "
                    + "e.g. test-17. Default: ${DEFAULT-VALUE}.")
    String id = "id";

    String question() {
        return question;
    }

    String answer() {
        return answer;
    }

    String id() {
        return id;
    }

    /** The option that renames {@code field}, for messages. */
    String flagFor(String field) {
        return field.equals(question) ? "--question-field" : field.equals(answer) ? "--answer-field" : "--id-field";
    }
}
