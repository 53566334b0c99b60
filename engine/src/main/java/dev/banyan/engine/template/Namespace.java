package dev.banyan.engine.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** The object {@code namespace(...)} returns: the one thing a {@code set} may assign attributes on. */
final class Namespace {
    final Map<String, Object> attrs = new LinkedHashMap<>();
}
