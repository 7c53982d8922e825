package dev.mailroom.model.templates;

/** Identifies a template, in a tenant or in the agency library. */
public record TemplateId(long value) {
    @Override
    public String toString() {
        return "template#" + value;
    }
}
