package dev.mailroom.model.templates;

import dev.mailroom.model.common.Problems;
import java.util.Objects;
import java.util.Optional;

/**
 * What a designer edits: the subject line (variables allowed), the HTML source, the plain-text part
 * when it was edited by hand (empty: generated from the HTML at each render), the sample data (a JSON
 * object) and whether the template draws on the tenant's brand kit.
 */
public record TemplateContent(
        String subject, String html, Optional<String> textPart, String sampleData, boolean usesBrandKit) {
    /** Generous: a 5 MB template must stay workable; beyond this something is wrong with the source. */
    public static final int MAX_HTML_CHARS = 8 * 1024 * 1024;

    public static final int MAX_TEXT_CHARS = 2 * 1024 * 1024;
    public static final int MAX_SAMPLE_DATA_CHARS = 2 * 1024 * 1024;
    /** RFC 5322 line limit; subjects longer than this are cut by servers. */
    public static final int MAX_SUBJECT_CHARS = 998;

    public TemplateContent {
        subject = subject == null ? "" : subject;
        html = html == null ? "" : html;
        textPart = Objects.requireNonNull(textPart, "textPart").filter(t -> !t.isBlank());
        sampleData = sampleData == null || sampleData.isBlank() ? "{}" : sampleData;
    }

    public static TemplateContent of(String subject, String html, String sampleData) {
        return new TemplateContent(subject, html, Optional.empty(), sampleData, true);
    }

    public TemplateContent withTextPart(Optional<String> text) {
        return new TemplateContent(subject, html, text, sampleData, usesBrandKit);
    }

    public TemplateContent withSampleData(String json) {
        return new TemplateContent(subject, html, textPart, json, usesBrandKit);
    }

    /** Adds this content's problems (field names: subject, html, textPart, sampleData). */
    void check(Problems problems) {
        problems.check(!subject.isBlank(), "subject", "Give the template a subject line.")
                .check(
                        subject.length() <= MAX_SUBJECT_CHARS,
                        "subject",
                        "The subject is longer than " + MAX_SUBJECT_CHARS + " characters; mail servers would cut it.")
                .check(
                        subject.indexOf('\n') < 0 && subject.indexOf('\r') < 0,
                        "subject",
                        "The subject must be one line.")
                .check(!html.isBlank(), "html", "The template has no HTML yet.")
                .check(
                        html.length() <= MAX_HTML_CHARS,
                        "html",
                        "The HTML is larger than " + (MAX_HTML_CHARS / (1024 * 1024))
                                + " MB; split it or move images out of it.")
                .check(
                        textPart.map(String::length).orElse(0) <= MAX_TEXT_CHARS,
                        "textPart",
                        "The plain-text part is larger than " + (MAX_TEXT_CHARS / (1024 * 1024)) + " MB.")
                .check(
                        sampleData.length() <= MAX_SAMPLE_DATA_CHARS,
                        "sampleData",
                        "The sample data is larger than " + (MAX_SAMPLE_DATA_CHARS / (1024 * 1024)) + " MB.");
    }
}
