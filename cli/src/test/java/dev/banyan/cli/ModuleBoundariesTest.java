package dev.banyan.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries the package comments state, checked over the main classes of every module on this
 * module's class path (search, engine, prm, api, cli). The engine's building blocks (the forward pass, the KV
 * cache, the model loader, the pass loop) are public for the reward models alone; everyone else uses the
 * engine's API. The reward models show only theirs. The search knows nothing of ONNX or of the modules built on
 * it, and no task is named outside its own package.
 */
class ModuleBoundariesTest {
    /** What the engine offers outside {@code dev.banyan.engine} and {@code dev.banyan.prm}, nested classes included. */
    private static final Set<String> ENGINE_API = Set.of("PolicyEngine", "PolicyStats", "EngineBuilder");
    /** What the reward models offer outside {@code dev.banyan.prm}. */
    private static final Set<String> PRM_API = Set.of("PrmEngine", "PrmConfig", "PrmStats", "PathScores");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.banyan");

    @Test
    void theRulesSeeEveryModule() {
        for (String type : new String[] {"dev.banyan.search.Searcher", "dev.banyan.engine.ForwardPass",
                "dev.banyan.prm.ScoreLoop", "dev.banyan.api.Banyan", "dev.banyan.cli.RunCommand"}) {
            assertThat(MAIN.contain(type)).as(type).isTrue();
        }
    }

    @Test
    void onlyTheRewardModelsUseTheEnginesBuildingBlocks() {
        noClasses().that().resideOutsideOfPackages("dev.banyan.engine..", "dev.banyan.prm..")
                .should().dependOnClassesThat(resideInAPackage("dev.banyan.engine").and(not(outerClassIn(ENGINE_API))))
                .check(MAIN);
    }

    @Test
    void theRewardModelsShowOnlyTheirApi() {
        noClasses().that().resideOutsideOfPackage("dev.banyan.prm..")
                .should().dependOnClassesThat(resideInAPackage("dev.banyan.prm").and(not(outerClassIn(PRM_API))))
                .check(MAIN);
    }

    @Test
    void theSearchKnowsNothingOfOnnxNorOfTheModulesBuiltOnIt() {
        noClasses().that().resideInAPackage("dev.banyan.search..")
                .should().dependOnClassesThat(resideInAnyPackage("ai.onnxruntime..", "ai.djl..", "dev.banyan.engine..",
                        "dev.banyan.prm..", "dev.banyan.api..", "dev.banyan.cli.."))
                .check(MAIN);
    }

    @Test
    void noTaskIsNamedOutsideItsOwnPackage() {
        for (String task : new String[] {"dev.banyan.search.game24..", "dev.banyan.search.math.."}) {
            noClasses().that().resideOutsideOfPackage(task)
                    .should().dependOnClassesThat(resideInAPackage(task))
                    .because("tasks plug in through the registry (TaskProvider)")
                    .check(MAIN);
        }
    }

    /** A class whose outermost enclosing class has one of {@code names} as its simple name. */
    private static DescribedPredicate<JavaClass> outerClassIn(Set<String> names) {
        return DescribedPredicate.describe("part of " + names, type -> {
            String simple = type.getName().substring(type.getPackageName().length() + 1);
            int nested = simple.indexOf('$');
            return names.contains(nested < 0 ? simple : simple.substring(0, nested));
        });
    }
}
