package dev.fastpath.api.crds;

/**
 * One reason the API server would reject an object, rendered the way it reports field errors:
 * {@code <path>: <message>}.
 *
 * @param path     the field, e.g. {@code spec.flowRules[1].srcPort}
 * @param message  what is wrong
 * @param source   what found it: {@code schema:<keyword>} or {@code cel}
 * @param coverage the constraint it proves exercised: a schema constraint key or the CEL rule text
 */
public record Violation(String path, String message, String source, String coverage) {

    public String render() {
        return path + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
