package dev.banyan.engine.template;

/**
 * Jinja's default {@code Undefined}: a missing variable, key or attribute. It prints as nothing, is false,
 * iterates as empty and has length 0; using it further (an attribute, a key, arithmetic) is an error naming what
 * was missing.
 */
final class Undefined {
    /** What was looked up, for error messages: {@code 'foo'} or {@code 'dict object' has no attribute 'x'}. */
    final String hint;

    Undefined(String hint) {
        this.hint = hint;
    }

    static Undefined name(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    static Undefined attribute(Object owner, Object key) {
        return new Undefined(Values.typeName(owner) + " object has no attribute " + Values.repr(key));
    }

    @Override
    public String toString() {
        return "";
    }
}
