package dev.mailroom.model.templates;

import java.util.Objects;

/**
 * A value a template needs from whoever sends it: {@code user.firstName}, {@code order.number}. The
 * brand kit's values ({@code brand.*}) and names relative to a loop item are not listed: the kit
 * fills the first, the list they loop over fills the second.
 *
 * @param scalar a single value (a CSV cell can fill it); false for a list or an object, which only
 *     the template's sample data or an integration can fill
 * @param sampleText the sample data's value as text ("Jordan"), empty when it has none or it is not scalar
 * @param sampleJson the sample data's value as JSON ({@code "Jordan"}, {@code [ … ]}), {@code null} when absent
 */
public record TemplateVariable(String name, boolean scalar, String sampleText, String sampleJson) {
    public TemplateVariable {
        Objects.requireNonNull(name, "name");
        sampleText = sampleText == null ? "" : sampleText;
    }

    public boolean hasSample() {
        return sampleJson != null;
    }
}
