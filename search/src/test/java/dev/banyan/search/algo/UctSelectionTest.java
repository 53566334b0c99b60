package dev.banyan.search.algo;

import dev.banyan.search.ReasoningPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UctSelectionTest {
    private static final int REFRESH = 64;

    private final Node root = Node.root(ReasoningPath.of("q"), false);
    private final Node strong = Node.child(1, root, "a", 1, 0, false, 0.9);
    private final Node weak = Node.child(2, root, "b", 1, 0, false, 0.3);

    UctSelectionTest() {
        root.appendChildrenRelease(List.of(strong, weak));
        for (int i = 0; i < 1000; i++) {
            strong.addVisit();
        }
        for (int i = 0; i < 10; i++) {
            weak.addVisit();
        }
    }

    @Test
    void theBestChildWinsWhenNothingIsInFlight() {
        assertThat(UctSelection.select(root, root.childrenAcquire(), 0.4, 0.9, 1.0)).isSameAs(strong);
    }

    @Test
    void aSimulationInFlightSendsTheNextThreadToASibling() {
        // Counted as one more visit worth 0, one in-flight simulation among 1000 visits would not move it.
        strong.addVirtualLoss(1);
        assertThat(UctSelection.select(root, root.childrenAcquire(), 0.4, 0.9, 1.0)).isSameAs(weak);
        strong.addVirtualLoss(-1);
        assertThat(UctSelection.select(root, root.childrenAcquire(), 0.4, 0.9, 1.0)).isSameAs(strong);
    }

    @Test
    void theRootsVisitsComeFromItsChildren() {
        // The root's own count is never written during a search; an unvisited sibling must still be explored.
        Node fresh = Node.child(3, root, "c", 1, 0, false, 0.05);
        root.appendChildrenRelease(List.of(fresh));
        assertThat(root.visitsOpaque()).isZero();
        assertThat(UctSelection.select(root, root.childrenAcquire(), 0.4, 0.9, 1.0)).isSameAs(fresh);
        fresh.addVisit();
        // N_root = 1011 from the children: the once-visited child's exploration term (0.05 + 0.4·sqrt(2·ln 1011))
        // beats the strong child's 0.9 + 0.4·sqrt(2·ln 1011 / 1000). Read as 0, N_root would hand it to the strong one.
        assertThat(UctSelection.select(root, root.childrenAcquire(), 0.4, 0.9, 1.0)).isSameAs(fresh);
    }

    @Test
    void theRootViewChoosesAsTheLiveReadingDoes() {
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 200; round++) {
            Node top = Node.root(ReasoningPath.of("q"), false);
            List<Node> kids = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                Node kid = Node.child(i + 1, top, "s" + i, 1, 0, false, random.nextDouble());
                for (int v = random.nextInt(4) == 0 ? 0 : random.nextInt(50); v > 0; v--) {
                    kid.addVisit();
                }
                kid.addVirtualLoss(random.nextInt(3) == 0 ? 1 : 0);
                kids.add(kid);
            }
            top.appendChildrenRelease(kids);
            Node[] children = top.childrenAcquire();
            assertThat(new RootView(REFRESH).select(top, children, 0.4, 0.9, 1.0))
                    .isSameAs(UctSelection.select(top, children, 0.4, 0.9, 1.0));
        }
    }

    @Test
    void theRootViewSeesOtherThreadsWithinItsRefreshInterval() {
        RootView view = new RootView(REFRESH);
        Node[] children = root.childrenAcquire();
        assertThat(view.select(root, children, 0.4, 0.9, 1.0)).isSameAs(strong);
        view.afterBackup();
        strong.addVirtualLoss(1); // another thread is now in flight through the strong child
        int selections = 1;
        while (view.select(root, children, 0.4, 0.9, 1.0) == strong) {
            selections++;
        }
        assertThat(selections).isLessThanOrEqualTo(REFRESH);
    }

    @Test
    void theRootViewRereadsTheChildItBackedUpThrough() {
        RootView view = new RootView(REFRESH);
        Node[] children = root.childrenAcquire();
        assertThat(view.select(root, children, 0.4, 0.9, 1.0)).isSameAs(strong);
        strong.setValueRelease(0.1); // this thread's own backup lowered it
        view.afterBackup();
        assertThat(view.select(root, children, 0.4, 0.9, 1.0)).isSameAs(weak);
    }
}
