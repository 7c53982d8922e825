package dev.mailroom.model.templates;

import dev.mailroom.model.common.InlineImage;
import java.util.List;

/**
 * The result of a render: the subject, the email-ready HTML (CSS inlined, scripts removed), the
 * plain-text part, and what the editor shows under the preview: problems with their positions,
 * variables the template uses that the data lacks, remote content the preview blocked, and warnings.
 * A render never throws for bad input; a part that could not render is empty and has a problem.
 */
public record Rendering(
        String subject,
        String html,
        String text,
        List<RenderProblem> problems,
        List<String> missingVariables,
        List<InlineImage> inlineImages,
        List<String> blockedRemoteUrls,
        List<String> warnings) {

    public Rendering {
        problems = List.copyOf(problems);
        missingVariables = List.copyOf(missingVariables);
        inlineImages = List.copyOf(inlineImages);
        blockedRemoteUrls = List.copyOf(blockedRemoteUrls);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
