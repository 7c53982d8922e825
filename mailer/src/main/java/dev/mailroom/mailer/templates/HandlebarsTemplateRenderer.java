package dev.mailroom.mailer.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.LogoType;
import dev.mailroom.model.templates.RenderProblem;
import dev.mailroom.model.templates.RenderProblem.Part;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateRenderer;
import dev.mailroom.model.templates.TemplateVariable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders templates with Handlebars the way SendGrid's dynamic templates do: {@code {{order.number}}},
 * {@code {{#each items}}}, {@code {{#if}}}, HTML-escaped by default ({@code {{{raw}}}} to opt out),
 * Handlebars.js scoping (inside {@code each}, reach outer values with {@code ../} or {@code @root}),
 * and SendGrid's helpers (see {@link EmailHelpers}). Then the HTML is made email-ready
 * ({@link EmailHtml}) and the plain-text part generated ({@link PlainText}) unless the template has
 * its own.
 *
 * <p>Thread-safe. Compiled templates are cached by source (a few dozen, up to 512 KB each), so sending
 * one template to many recipients parses it once. Cost grows linearly with the template: a 5 MB source
 * with 50,000 tags takes a few seconds on this project's 2-core machines, most of it Handlebars'
 * parser; callers render off the UI thread.
 */
public final class HandlebarsTemplateRenderer implements TemplateRenderer {
    private static final String STATE = "mailroom.render";
    private static final int CACHE_SIZE = 48;
    /** Large sources are being edited, not sent in bulk: caching them would only hold memory. */
    private static final int MAX_CACHED_CHARS = 512 * 1024;

    private final Handlebars html;
    private final Handlebars plain;
    private final Set<String> helperNames;
    private final Map<String, Template> htmlCache = lru();
    private final Map<String, Template> plainCache = lru();

    private final RenderTimings timings;

    public HandlebarsTemplateRenderer() {
        this(RenderTimings.OFF);
    }

    /** A renderer that adds the time of each stage to {@code timings} (for the render benchmark). */
    public HandlebarsTemplateRenderer(RenderTimings timings) {
        this.timings = timings;
        this.html = configure(new Handlebars(new NoPartials()));
        this.plain = configure(new Handlebars(new NoPartials()).with(EscapingStrategy.NOOP));
        this.helperNames = html.helpers().stream().map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    private static Handlebars configure(Handlebars hb) {
        hb.parentScopeResolution(false).prettyPrint(false).infiniteLoops(false);
        EmailHelpers.register(hb);
        hb.registerHelperMissing((Helper<Object>) (context, options) -> {
            // With a parameter, Handlebars passes the first one as the context: that is a helper call.
            if (options.params.length > 0 || !options.hash.isEmpty() || context != options.context.model()) {
                throw new IllegalArgumentException("There is no helper named \"" + options.helperName + "\".");
            }
            State state = options.data(STATE);
            if (state != null && options.tagType != TagType.SECTION && options.tagType != TagType.START_SECTION) {
                state.missing.add(options.helperName);
            }
            return "";
        });
        return hb;
    }

    @Override
    public Rendering render(RenderRequest request) {
        TemplateContent content = request.content();
        State state = new State();
        SampleData.Parsed parsed = SampleData.parse(request.data());
        parsed.problem().ifPresent(state.problems::add);
        Map<String, Object> data = parsed.data();
        Optional<BrandKit> brand = content.usesBrandKit() ? request.brand() : Optional.empty();
        if (brand.isPresent()) {
            if (data.containsKey("brand")) {
                state.warnings.add("The data has its own \"brand\" value; the client's brand kit is used instead.");
            }
            data.put("brand", BrandData.of(brand.get(), request.target()));
        }

        long mark = timings.mark();
        String subject = apply(plain, plainCache, Part.SUBJECT, content.subject(), data, state);
        subject = subject == null ? "" : subject.replaceAll("\\s+", " ").strip();

        String rawHtml = apply(html, htmlCache, Part.HTML, content.html(), data, state);
        mark = timings.add(RenderTimings.Stage.HANDLEBARS, mark);
        String finishedHtml = "";
        String text = "";
        List<String> blocked = List.of();
        if (rawHtml != null) {
            try {
                EmailHtml.Finished finished = EmailHtml.finish(rawHtml, request.target(), state.warnings, timings);
                mark = timings.mark();
                finishedHtml = finished.document().outerHtml();
                mark = timings.add(RenderTimings.Stage.HTML_OUT, mark);
                blocked = finished.blockedRemoteUrls();
                if (content.textPart().isEmpty()) {
                    text = PlainText.of(finished.document().body());
                    timings.add(RenderTimings.Stage.TEXT_PART, mark);
                }
            } catch (RuntimeException | StackOverflowError e) {
                state.problems.add(RenderProblem.of(Part.HTML, "The HTML could not be made email-ready: " + e));
            }
        }
        if (content.textPart().isPresent()) {
            mark = timings.mark();
            String t = apply(plain, plainCache, Part.TEXT, content.textPart().get(), data, state);
            timings.add(RenderTimings.Stage.HANDLEBARS, mark);
            text = t == null ? "" : t;
        }

        List<InlineImage> images = new ArrayList<>();
        if (request.target() == RenderTarget.SEND && finishedHtml.contains("cid:" + BrandData.LOGO_CONTENT_ID)) {
            brand.flatMap(BrandData::inlineLogo).ifPresent(images::add);
        }
        Set<String> used = new LinkedHashSet<>();
        state.compiled.forEach(t -> collectNames(t, used));
        if (brand.flatMap(BrandKit::logo).map(l -> l.type() == LogoType.SVG).orElse(false)
                && used.contains("brand.logo")) {
            state.warnings.add(
                    "The logo is an SVG: Gmail and Outlook do not show SVG images. A PNG logo shows everywhere.");
        }

        List<String> missing = List.of();
        if (parsed.problem().isEmpty()) {
            LinkedHashSet<String> m = new LinkedHashSet<>();
            for (String name : used) {
                if (!VariablePaths.presentAnywhere(data, name)) {
                    m.add(name);
                }
            }
            m.addAll(state.missing);
            missing = List.copyOf(m);
        }
        return new Rendering(subject, finishedHtml, text, state.problems, missing, images, blocked, state.warnings);
    }

    @Override
    public List<String> variablesUsed(List<String> sources) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String source : sources) {
            if (source == null || source.isBlank()) {
                continue;
            }
            Template t;
            try {
                t = compile(plain, plainCache, source);
            } catch (RuntimeException | StackOverflowError e) {
                continue;
            }
            collectNames(t, names);
        }
        return List.copyOf(names);
    }

    /**
     * The names used from the top of the data: a name the sample data has only inside a list or an
     * object below the top ({@code number} in {@code {{#each steps}}{{number}}}) belongs to a loop item
     * and is filled by that list.
     */
    @Override
    public List<TemplateVariable> variablesToFill(TemplateContent content) {
        Map<String, Object> sample = SampleData.parse(content.sampleData()).data();
        List<TemplateVariable> out = new ArrayList<>();
        for (String name : variablesUsed(
                List.of(content.subject(), content.html(), content.textPart().orElse("")))) {
            if (name.equals("brand") || name.startsWith("brand.")) {
                continue;
            }
            Optional<Object> top = VariablePaths.atTop(sample, name);
            if (top.isEmpty() && VariablePaths.presentAnywhere(sample, name)) {
                continue;
            }
            boolean scalar =
                    top.map(v -> !(v instanceof Map || v instanceof List)).orElse(true);
            out.add(new TemplateVariable(
                    name,
                    scalar,
                    top.filter(v -> scalar).map(String::valueOf).orElse(""),
                    top.map(SampleData::toJson).orElse(null)));
        }
        return out;
    }

    private void collectNames(Template t, Set<String> names) {
        List<String> found =
                new ArrayList<>(t.collect(TagType.VAR, TagType.TRIPLE_VAR, TagType.AMP_VAR, TagType.SECTION));
        found.addAll(t.collectReferenceParameters());
        for (String raw : found) {
            VariablePaths.normalize(raw).filter(n -> !helperNames.contains(n)).ifPresent(names::add);
        }
    }

    private String apply(
            Handlebars hb,
            Map<String, Template> cache,
            Part part,
            String source,
            Map<String, Object> data,
            State state) {
        Template template;
        try {
            template = compile(hb, cache, source);
        } catch (HandlebarsException e) {
            state.problems.add(problem(part, e, source));
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            state.problems.add(RenderProblem.of(
                    part, "The template could not be read: " + e.getClass().getSimpleName()));
            return null;
        }
        state.compiled.add(template);
        Context context =
                Context.newBuilder(data).resolver(DataResolver.INSTANCE).build();
        context.data(STATE, state);
        try {
            return template.apply(context);
        } catch (HandlebarsException e) {
            state.problems.add(problem(part, e, source));
            return null;
        } catch (IOException | RuntimeException e) {
            state.problems.add(RenderProblem.of(part, "The template could not be rendered: " + message(e)));
            return null;
        } catch (StackOverflowError e) {
            state.problems.add(RenderProblem.of(part, "The template nests too deeply to render."));
            return null;
        } finally {
            context.destroy();
        }
    }

    private static Template compile(Handlebars hb, Map<String, Template> cache, String source)
            throws HandlebarsException {
        synchronized (cache) {
            Template cached = cache.get(source);
            if (cached != null) {
                return cached;
            }
        }
        Template compiled;
        try {
            compiled = hb.compileInline(source);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (source.length() <= MAX_CACHED_CHARS) {
            synchronized (cache) {
                cache.put(source, compiled);
            }
        }
        return compiled;
    }

    private static RenderProblem problem(Part part, HandlebarsException e, String source) {
        HandlebarsError error = e.getError();
        if (error == null) {
            return RenderProblem.of(part, message(e));
        }
        String reason = error.reason == null ? message(e) : error.reason.strip();
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            reason = cause.getMessage();
        }
        if (reason.contains("partial")) {
            reason =
                    "Partials ({{> name}}) are not supported in Mailroom templates; put the shared part into the template itself.";
        } else if (reason.startsWith("found:") || reason.contains("expected")) {
            reason = "Handlebars syntax error, "
                    + reason.replace("found:", "found").replace("expected:", "expected") + ".";
        }
        // Handlebars counts columns from 0; editors (and RenderProblem) from 1.
        int column = error.column + 1;
        return new RenderProblem(part, reason, error.line, column, SampleData.evidence(source, error.line, column));
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().lines().findFirst().orElse("");
    }

    private static Map<String, Template> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    /** What one render collects while Handlebars runs. */
    private static final class State {
        final List<RenderProblem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Set<String> missing = new LinkedHashSet<>();
        /** The parts that compiled, so their variables are collected without parsing them again. */
        final List<Template> compiled = new ArrayList<>();
    }

    /** Mailroom templates are self-contained: a partial is reported, never loaded from disk or the classpath. */
    private static final class NoPartials extends AbstractTemplateLoader {
        @Override
        public TemplateSource sourceAt(String location) throws IOException {
            throw new IOException("partial " + location + " is not supported");
        }
    }
}
