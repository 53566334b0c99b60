package dev.banyan.search.algo;

import dev.banyan.search.OutcomeVerifier;
import dev.banyan.search.Policy;
import dev.banyan.search.ReasoningPath;
import dev.banyan.search.StepProposal;
import dev.banyan.search.StepScore;
import dev.banyan.search.StepScorer;
import dev.banyan.search.Task;
import dev.banyan.search.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A world whose chains are written out in advance, for hand-computed cases: the k-th step proposed from the
 * root starts chain k (cycling), later steps continue the first chain the path agrees with, and the PRM gives
 * each step its written score. A step {@code = x} ends a chain with answer {@code x}. Meant for one thread.
 */
final class ScriptedWorld {
    /** A written step: its PRM score and the log-probability the policy proposes it with. */
    record Step(String text, double score, double logProb) {
        Step(String text, double score) {
            this(text, score, -1.0);
        }
    }

    private final List<List<Step>> chains;
    private final AtomicInteger rootProposals = new AtomicInteger();

    ScriptedWorld(List<List<Step>> chains) {
        this.chains = chains;
    }

    /** Chains of one answer step each, scored 1: {@code "= a"} for each answer given. */
    static ScriptedWorld answers(String... answers) {
        List<List<Step>> chains = new ArrayList<>();
        for (String answer : answers) {
            chains.add(List.of(new Step("= " + answer, 1)));
        }
        return new ScriptedWorld(chains);
    }

    Task task() {
        int longest = chains.stream().mapToInt(List::size).max().orElse(1);
        return new Task() {
            public String name() {
                return "scripted";
            }

            public String render(ReasoningPath path) {
                return path.question() + "\n" + String.join("\n", path.steps());
            }

            public String stepDelimiter() {
                return "\n";
            }

            public boolean isTerminal(ReasoningPath path) {
                return path.depth() > 0 && path.newestStep().startsWith("=");
            }

            public Optional<String> extractAnswer(ReasoningPath path) {
                return isTerminal(path) ? Optional.of(path.newestStep().substring(2)) : Optional.empty();
            }

            public int maxSteps() {
                return longest;
            }

            public OutcomeVerifier verifier() {
                return (path, truth) -> extractAnswer(path).map(a -> a.equals(truth) ? Verdict.CORRECT : Verdict.WRONG)
                        .orElse(Verdict.WRONG);
            }
        };
    }

    Policy policy() {
        return request -> {
            List<StepProposal> out = new ArrayList<>();
            for (int i = 0; i < request.count(); i++) {
                List<Step> chain = request.path().depth() == 0
                        ? chains.get(rootProposals.getAndIncrement() % chains.size())
                        : chainOf(request.path());
                Step step = chain.get(request.path().depth());
                out.add(new StepProposal(step.text(), 1, step.logProb()));
            }
            return CompletableFuture.completedFuture(out);
        };
    }

    StepScorer scorer() {
        return paths -> {
            List<StepScore> out = new ArrayList<>();
            for (ReasoningPath path : paths) {
                out.add(new StepScore(chainOf(path).get(path.depth() - 1).score(), 1));
            }
            return CompletableFuture.completedFuture(out);
        };
    }

    private List<Step> chainOf(ReasoningPath path) {
        for (List<Step> chain : chains) {
            if (chain.size() >= path.depth() && chain.subList(0, path.depth()).stream().map(Step::text).toList()
                    .equals(path.steps())) {
                return chain;
            }
        }
        throw new IllegalStateException("no scripted chain starts with " + path);
    }
}
