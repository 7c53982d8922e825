package dev.mailroom.model.templates;

import java.util.List;

/**
 * Port: turns a template and data into an email (Handlebars, CSS inlining and the plain-text part
 * live in the mailer module, behind this interface).
 */
public interface TemplateRenderer {
    /** Never throws for bad templates or data: every problem is in the result. */
    Rendering render(RenderRequest request);

    /**
     * The variables the sources use, in order of first use, without helpers and loop variables
     * ({@code order.number}, {@code items}, {@code brand.primaryColor}). Sources that do not parse
     * contribute what could be read before the error.
     */
    List<String> variablesUsed(List<String> sources);

    /**
     * What a sender must supply to send {@code content}: the names it uses from the top of its data,
     * without the brand kit's and without names relative to a loop item, each with its sample value.
     * This default lists every name used outside {@code brand.} as a scalar without a sample.
     */
    default List<TemplateVariable> variablesToFill(TemplateContent content) {
        return variablesUsed(List.of(
                        content.subject(), content.html(), content.textPart().orElse("")))
                .stream()
                .filter(n -> !n.equals("brand") && !n.startsWith("brand."))
                .map(n -> new TemplateVariable(n, true, "", null))
                .toList();
    }
}
