package dev.banyan.engine.template;

import java.util.List;
import java.util.Map;

/** A value that can be called from a template: a global function, a macro, a bound method. */
@FunctionalInterface
interface Callable {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
