package dev.banyan.search;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlgorithmSpecTest {
    @Test
    void everyNameParsesToItsDefaults() {
        for (String name : AlgorithmSpec.NAMES) {
            assertThat(AlgorithmSpec.parse(name).name()).isEqualTo(name);
            assertThat(AlgorithmSpec.parse(name, Map.of())).isEqualTo(AlgorithmSpec.parse(name));
        }
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts")).hasMessageContaining("unknown algorithm 'mcts'");
    }

    @Test
    void settingsOverrideOnlyWhatTheyName() {
        AlgorithmSpec spec = AlgorithmSpec.parse("eta-mcts", Map.of("mergeDistance", 4, "c", 0.3));
        AlgorithmSpec.EtaMcts defaults = AlgorithmSpec.EtaMcts.defaults();
        assertThat(spec).isEqualTo(new AlgorithmSpec.EtaMcts(0.3, defaults.cMin(), defaults.cMax(),
                defaults.wideningAlpha(), 4, defaults.mergeResamples(), defaults.betaValue(), defaults.betaPrm(),
                defaults.betaOrm(), defaults.fastRollouts()));
        AlgorithmSpec beam = AlgorithmSpec.parse("beam", Map.of("aggregation", "min", "width", 8));
        assertThat(beam).isEqualTo(new AlgorithmSpec.Beam(8, 4, Aggregation.MIN));
        assertThat(AlgorithmSpec.parse("mcts-star", Map.of("answerMode", "value-vote")))
                .isEqualTo(AlgorithmSpec.MctsStar.defaults().withAnswerMode(AlgorithmSpec.AnswerMode.VALUE_VOTE));
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("depth", 3)))
                .hasMessage("unknown setting 'depth' for beam; expected one of width, expansions, aggregation");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", 2.5)))
                .hasMessage("beam setting 'width' must be a whole number, was 2.5");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", "wide")))
                .hasMessage("beam setting 'width' must be a number, was wide");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("aggregation", "median")))
                .hasMessageContaining("beam setting 'aggregation' must be one of [LAST, MIN, PROD, MEAN]");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", -1)))
                .hasMessage("width must be >= 0, was -1");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("expansions", 0)))
                .hasMessage("expansions must be positive, was 0");
        assertThatThrownBy(() -> AlgorithmSpec.parse("ab-mcts", Map.of("prior", "cauchy")))
                .hasMessageContaining("ab-mcts setting 'prior' must be one of [GAUSSIAN, BETA]");
    }

    @Test
    void aSettingOfAnotherKindIsNotCoerced() {
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("pathValueAtTerminals", 1)))
                .hasMessage("mcts-star setting 'pathValueAtTerminals' must be true or false, was 1");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("pathValueAtTerminals", "true")))
                .hasMessage("mcts-star setting 'pathValueAtTerminals' must be true or false, was true");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", "8")))
                .hasMessage("beam setting 'width' must be a number, was 8");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("c", "0.3")))
                .hasMessage("mcts-star setting 'c' must be a number, was 0.3");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("aggregation", 1)))
                .hasMessage("beam setting 'aggregation' must be one of [LAST, MIN, PROD, MEAN], was 1");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", 3_000_000_000L)))
                .hasMessage("beam setting 'width' must be a whole number that fits int, was 3000000000");
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", Map.of("width", java.util.List.of(1))))
                .hasMessage("beam setting 'width' must be a number, was [1]");
    }

    @Test
    void enumSettingsTakeAnyCaseAndDashes() {
        assertThat(AlgorithmSpec.parse("best-of-n", Map.of("mode", "Majority", "aggregation", "PROD")))
                .isEqualTo(new AlgorithmSpec.BestOfN(0, AlgorithmSpec.BestOfNMode.MAJORITY, Aggregation.PROD));
        assertThat(AlgorithmSpec.parse("mcts-star", Map.of("answerMode", "VALUE_VOTE")))
                .isEqualTo(AlgorithmSpec.MctsStar.defaults().withAnswerMode(AlgorithmSpec.AnswerMode.VALUE_VOTE));
    }

    @Test
    void aNullSettingKeepsItsDefaultButAnUnknownOneStillFails() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("width", null);
        assertThat(AlgorithmSpec.parse("beam", settings)).isEqualTo(AlgorithmSpec.Beam.defaults());
        settings.put("depth", null);
        assertThatThrownBy(() -> AlgorithmSpec.parse("beam", settings))
                .hasMessage("unknown setting 'depth' for beam; expected one of width, expansions, aggregation");
        assertThatThrownBy(() -> AlgorithmSpec.parse("greedy", Map.of("width", 2)))
                .hasMessage("unknown setting 'width' for greedy; expected one of ");
    }

    @Test
    void aCrossSettingRuleIsTheRecordsOwn() {
        assertThatThrownBy(() -> AlgorithmSpec.parse("dvts", Map.of("width", 2)))
                .hasMessage("dvts width (2) must be >= expansions (4)");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("branch", 20)))
                .hasMessage("maxChildren (12) must be >= branch (20)");
        assertThatThrownBy(() -> AlgorithmSpec.parse("ab-mcts", Map.of("pruneBelow", 1.5)))
                .hasMessage("pruneBelow must be in [0,1], was 1.5");
    }

    @Test
    void theConcurrencyTuningsDefaultToTheirFormerConstants() {
        AlgorithmSpec.MctsStar mcts = AlgorithmSpec.MctsStar.defaults();
        assertThat(mcts.virtualLoss()).isEqualTo(1.0);
        assertThat(mcts.stallSimulations()).isEqualTo(20);
        assertThat(mcts.idleSimulationsSlack()).isEqualTo(1000);
        assertThat(mcts.rootRefreshSimulations()).isEqualTo(64);
        assertThat(mcts.faithful().withC(0.3).withBranch(4).virtualLoss()).isEqualTo(1.0);
        assertThat(AlgorithmSpec.EtaMcts.defaults().idleSimulationsSlack()).isEqualTo(1000);
    }

    @Test
    void theConcurrencyTuningsAreSettings() {
        AlgorithmSpec.MctsStar mcts = (AlgorithmSpec.MctsStar) AlgorithmSpec.parse("mcts-star", Map.of(
                "virtualLoss", 0.5, "stallSimulations", 5, "idleSimulationsSlack", 200, "rootRefreshSimulations", 8));
        assertThat(mcts.virtualLoss()).isEqualTo(0.5);
        assertThat(mcts.stallSimulations()).isEqualTo(5);
        assertThat(mcts.idleSimulationsSlack()).isEqualTo(200);
        assertThat(mcts.rootRefreshSimulations()).isEqualTo(8);
        assertThat(mcts.withAnswerMode(AlgorithmSpec.AnswerMode.VALUE_VOTE).rootRefreshSimulations()).isEqualTo(8);
        assertThat(((AlgorithmSpec.EtaMcts) AlgorithmSpec.parse("eta-mcts", Map.of("idleSimulationsSlack", 0)))
                .idleSimulationsSlack()).isZero();
    }

    @Test
    void badConcurrencyTuningsNameTheSetting() {
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("virtualLoss", -1)))
                .hasMessage("virtualLoss must be >= 0, was -1.0");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("virtualLoss", Double.POSITIVE_INFINITY)))
                .hasMessage("virtualLoss must be finite, was Infinity");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("stallSimulations", 0)))
                .hasMessage("stallSimulations must be positive, was 0");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("idleSimulationsSlack", -1)))
                .hasMessage("idleSimulationsSlack must be >= 0, was -1");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("rootRefreshSimulations", 0)))
                .hasMessage("rootRefreshSimulations must be positive, was 0");
        assertThatThrownBy(() -> AlgorithmSpec.parse("eta-mcts", Map.of("idleSimulationsSlack", -5)))
                .hasMessage("idleSimulationsSlack must be >= 0, was -5");
        assertThatThrownBy(() -> AlgorithmSpec.parse("mcts-star", Map.of("stallSimulations", 2.5)))
                .hasMessage("mcts-star setting 'stallSimulations' must be a whole number, was 2.5");
    }
}
