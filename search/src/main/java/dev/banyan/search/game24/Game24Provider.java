package dev.banyan.search.game24;

import dev.banyan.search.Policy;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.tasks.Problem;
import dev.banyan.search.tasks.TaskProvider;
import dev.banyan.search.tasks.TaskSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Game of 24 in the {@link dev.banyan.search.tasks.TaskRegistry}: the task (no settings), its simulated policy
 * and PRM, and the built-in data set {@code game24:FROM-TO} of {@link Game24Puzzles} by rank, with ids
 * {@code game24-RANK}. Answers are checked exactly against the question, so problems carry no expected answer.
 */
public final class Game24Provider implements TaskProvider {
    static final String NAME = "game24";
    private static final Pattern RANKS = Pattern.compile("(\\d+)-(\\d+)");
    private static final Set<String> POLICY_TUNABLES = Set.of("solvableLean", "slipRate", "prmNoise", "prmSeed");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Game of 24: four numbers such as '4 9 10 13'; answers checked exactly";
    }

    @Override
    public Task create(TaskSettings settings) {
        settings.requireOnly(Set.of());
        return new Game24Task();
    }

    /** Tunables {@code solvableLean} and {@code slipRate} (the PRM's are accepted beside them). */
    @Override
    public Policy simulatedPolicy(TaskSettings tunables, Path modelDirectory) {
        tunables.requireOnly(POLICY_TUNABLES);
        SimulatedPolicy defaults = SimulatedPolicy.builder().build();
        return SimulatedPolicy.builder()
                .solvableLean(tunables.number("solvableLean", defaults.solvableLean(), 0, 1))
                .slipRate(tunables.number("slipRate", defaults.slipRate(), 0, 1))
                .build();
    }

    /** Tunables {@code prmNoise} and {@code prmSeed}. */
    @Override
    public StepScorer simulatedPrm(TaskSettings tunables, Path modelDirectory) {
        tunables.requireOnly(POLICY_TUNABLES);
        return SimulatedPrm.builder()
                .noise(tunables.number("prmNoise", 0.0, 0, 1))
                .seed(tunables.integer("prmSeed", 0, Long.MIN_VALUE, Long.MAX_VALUE))
                .build();
    }

    @Override
    public Optional<List<Problem>> builtInData(String spec) {
        List<Puzzle> puzzles;
        if (spec == null) {
            puzzles = Game24Puzzles.all();
        } else {
            Matcher matcher = RANKS.matcher(spec);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("built-in data set '" + NAME + ":" + spec
                        + "' is not of the form " + NAME + ":FROM-TO, e.g. " + NAME + ":1-100");
            }
            try {
                puzzles = Game24Puzzles.range(parseRank(matcher.group(1)), parseRank(matcher.group(2)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("built-in data set '" + NAME + ":" + spec + "': " + e.getMessage(), e);
            }
        }
        return Optional.of(puzzles.stream()
                .map(puzzle -> new Problem(NAME + "-" + puzzle.rank(), puzzle.question(), null)).toList());
    }

    @Override
    public Optional<String> builtInDataUsage() {
        return Optional.of(NAME + ":FROM-TO (Game of 24 puzzles by rank, 1-" + Game24Puzzles.all().size()
                + ", easiest first)");
    }

    private static int parseRank(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rank " + digits + " is out of range");
        }
    }
}
