package dev.mailroom.model.templates;

/**
 * A template of the starter library that ships with Mailroom. {@code id} is stable across releases
 * ("ecommerce/order-confirmation"); the content uses the brand kit's variables.
 */
public record StarterTemplate(
        String id, String name, TemplateKind kind, BusinessKind business, String description, TemplateContent content) {

    public TemplateDraft toDraft() {
        return new TemplateDraft(name, kind, content);
    }
}
