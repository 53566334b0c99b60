package dev.banyan.api.records;

/** A training record drawn from a searched tree; every one carries its problem's {@code id}. */
public sealed interface ExportRecord permits ExportRecord.Sft, ExportRecord.Prm, ExportRecord.Dpo {
    String id();

    /** {@code {"id", "prompt", "completion"}}: a distinct correct trace, for fine-tuning the policy. */
    record Sft(String id, String prompt, String completion) implements ExportRecord {
    }

    /**
     * TRL's stepwise-supervision format: the steps of one root-to-leaf path, {@code labels[i]} whether a correct
     * answer lies at or below step i, {@code values[i]} its ReST-MCTS* value target.
     */
    record Prm(String id, String prompt, java.util.List<String> completions, java.util.List<Boolean> labels,
               java.util.List<Double> values) implements ExportRecord {
    }

    /** {@code {"id", "prompt", "chosen", "rejected", "chosenValue", "rejectedValue"}}: sibling steps, the better first. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "prompt", "chosen", "rejected", "chosenValue",
            "rejectedValue"})
    record Dpo(String id, String prompt, String chosen, String rejected, Double chosenValue, Double rejectedValue)
            implements ExportRecord {
    }
}
