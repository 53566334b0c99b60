package dev.banyan.api;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.banyan.engine.PolicyEngine;
import dev.banyan.prm.PrmEngine;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepRequest;
import dev.banyan.search.StepScore;
import dev.banyan.search.game24.Game24Task;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Guards the demo models shipped in models/game24 against accidental change. */
class ShippedModelTest {
    private static final Path MODELS = ModelBundle.defaultDirectory().getParent().resolve("game24");

    @Test
    void bothGraphsHaveTheDecoderSignatureTheEngineLoads() throws Exception {
        for (String part : new String[] {"policy", "prm"}) {
            JsonNode config = new ObjectMapper().readTree(MODELS.resolve(part).resolve("config.json").toFile());
            int layers = config.get("num_hidden_layers").asInt();
            Set<String> inputs = new TreeSet<>(List.of("input_ids", "attention_mask", "position_ids"));
            Set<String> outputs = new TreeSet<>(List.of("logits"));
            for (int i = 0; i < layers; i++) {
                inputs.add("past_key_values." + i + ".key");
                inputs.add("past_key_values." + i + ".value");
                outputs.add("present." + i + ".key");
                outputs.add("present." + i + ".value");
            }
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(
                    MODELS.resolve(part).resolve("model.onnx").toString(), new OrtSession.SessionOptions())) {
                assertThat(new TreeSet<>(session.getInputNames())).as(part + " inputs").isEqualTo(inputs);
                assertThat(new TreeSet<>(session.getOutputNames())).as(part + " outputs").isEqualTo(outputs);
            }
        }
        assertThat(Files.size(MODELS.resolve("policy/model.onnx")) + Files.size(MODELS.resolve("prm/model.onnx")))
                .isLessThan(25L << 20);
    }

    @Test
    void greedyDecodeOfOnePuzzleGivesTheCommittedText() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve("expected_greedy.json").toFile());
        Game24Task task = new Game24Task();
        ReasoningPath path = ReasoningPath.of(expected.get("question").asText());
        List<String> steps = new ArrayList<>();
        try (PolicyEngine policy = PolicyEngine.builder(MODELS.resolve("policy")).intraOpThreads(1).build()) {
            while (!task.isTerminal(path) && steps.size() < 8) {
                StepRequest request = new StepRequest(path, task.render(path), List.of("\n"), 1, true, 0, 60);
                StepProposal step = policy.propose(request).join().get(0);
                steps.add(step.text());
                path = path.extend(step.text());
            }
        }
        assertThat(String.join("\n", steps) + "\n").isEqualTo(expected.get("text").asText());
    }

    @Test
    void thePrmScoresTheGreedyTraceStepByStepInRange() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve("expected_greedy.json").toFile());
        List<String> steps = List.of(expected.get("text").asText().strip().split("\n"));
        try (PrmEngine prm = PrmEngine.builder(MODELS.resolve("prm")).intraOpThreads(1).build()) {
            List<ReasoningPath> prefixes = new ArrayList<>();
            for (int k = 1; k <= steps.size(); k++) {
                prefixes.add(ReasoningPath.of(expected.get("question").asText(), steps.subList(0, k)));
            }
            List<StepScore> scores = prm.score(prefixes).join();
            assertThat(scores).hasSize(steps.size()).allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1.0));
            // The trace ends "= 28": its answer line is wrong and the PRM must not call it good.
            assertThat(scores.get(scores.size() - 1).value()).isLessThan(0.5);
        }
    }
}
