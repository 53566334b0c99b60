package dev.banyan.search;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** A searched tree, read-only. */
public interface SearchTree {
    TreeNode root();

    /** Every node, ordered by id (the root first). */
    default List<TreeNode> nodes() {
        List<TreeNode> all = new ArrayList<>();
        Deque<TreeNode> pending = new ArrayDeque<>();
        pending.push(root());
        while (!pending.isEmpty()) {
            TreeNode node = pending.pop();
            all.add(node);
            for (TreeNode child : node.children()) {
                pending.push(child);
            }
        }
        all.sort(Comparator.comparingInt(TreeNode::id));
        return all;
    }
}
