package dev.banyan.engine.template;

import java.util.List;

/** The {@code loop} variable inside a for loop. */
final class LoopState {
    private final List<Object> items;
    private final int index0;

    LoopState(List<Object> items, int index0) {
        this.items = items;
        this.index0 = index0;
    }

    Object attr(String name) {
        int length = items.size();
        return switch (name) {
            case "index0" -> (long) index0;
            case "index" -> (long) index0 + 1;
            case "revindex0" -> (long) (length - index0 - 1);
            case "revindex" -> (long) (length - index0);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> (long) length;
            case "depth" -> 1L;
            case "depth0" -> 0L;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : new Undefined("there is no previous item");
            case "nextitem" -> index0 < length - 1 ? items.get(index0 + 1) : new Undefined("there is no next item");
            case "cycle" -> (Callable) (args, kwargs) -> {
                if (args.isEmpty()) {
                    throw new TemplateError("loop.cycle() needs at least one argument");
                }
                return args.get(index0 % args.size());
            };
            default -> Undefined.attribute(this, name);
        };
    }
}
