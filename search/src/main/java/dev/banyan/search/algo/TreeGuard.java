package dev.banyan.search.algo;

import java.util.concurrent.locks.ReentrantLock;

/**
 * What guards the tree's selection and backup. The search runs with {@link #NONE} (its nodes are lock-free);
 * {@link #globalLock()} is the obvious twin — one lock around every selection and backup, model calls outside
 * it — kept as the benchmark baseline.
 */
interface TreeGuard {
    void enter();

    void exit();

    TreeGuard NONE = new TreeGuard() {
        public void enter() {
        }

        public void exit() {
        }
    };

    static TreeGuard globalLock() {
        ReentrantLock lock = new ReentrantLock();
        return new TreeGuard() {
            public void enter() {
                lock.lock();
            }

            public void exit() {
                lock.unlock();
            }
        };
    }
}
