package dev.mailroom.app.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The template editor's read-only text part: a long one is shown in part, saying how much is left. */
class ShownTextPartTest {
    @Test
    void aShortTextIsShownWhole() {
        assertThat(TemplateEditor.shownPart("Hello {{name}}")).isEqualTo("Hello {{name}}");
        assertThat(TemplateEditor.shownPart(null)).isNull();
    }

    @Test
    void aLongTextIsCutWithWhatIsLeftSaid() {
        String text = "x".repeat(TemplateEditor.TEXT_SHOWN + 2_500);
        String shown = TemplateEditor.shownPart(text);
        assertThat(shown).startsWith("x".repeat(TemplateEditor.TEXT_SHOWN));
        assertThat(shown).endsWith("2,500 more characters not shown here; the message carries the whole text.");
    }

    @Test
    void theCutNeverSplitsAnEmoji() {
        String text = "x".repeat(TemplateEditor.TEXT_SHOWN - 1) + "😀" + "y".repeat(10);
        String shown = TemplateEditor.shownPart(text);
        assertThat(shown.substring(0, TemplateEditor.TEXT_SHOWN - 1))
                .isEqualTo("x".repeat(TemplateEditor.TEXT_SHOWN - 1));
        assertThat(Character.isHighSurrogate(shown.charAt(TemplateEditor.TEXT_SHOWN - 2)))
                .isFalse();
        assertThat(shown).contains("12 more characters");
    }
}
