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
    /** Distinct style sheets one template may be prepared for before it keeps to the full path. */
    private static final int MAX_SHEETS_PER_TEMPLATE = 32;

    private final Handlebars html;
    private final Handlebars plain;
    /** Runs prepared templates ({@link PreparedHtml}): values escaped the way jsoup writes them. */
    private final Handlebars fast;

    private final Set<String> helperNames;
    private final Map<String, Template> htmlCache = lru();
    private final Map<String, Template> plainCache = lru();
    /** Per template source: how it is prepared once for every message (empty: never, full path). */
    private final Map<String, Optional<Prepared>> preparedCache = lru();

    private final java.util.concurrent.atomic.LongAdder fastRenders = new java.util.concurrent.atomic.LongAdder();

    private final RenderTimings timings;
    private final boolean preparedAllowed;

    public HandlebarsTemplateRenderer() {
        this(RenderTimings.OFF);
    }

    /** A renderer that adds the time of each stage to {@code timings} (for the render benchmark). */
    public HandlebarsTemplateRenderer(RenderTimings timings) {
        this(timings, true);
    }

    /**
     * {@code prepared}: whether a SEND may go through the template prepared once ({@link PreparedHtml});
     * false parses, cleans and inlines every message (the render benchmark's comparison).
     */
    public HandlebarsTemplateRenderer(RenderTimings timings, boolean prepared) {
        this.timings = timings;
        this.preparedAllowed = prepared;
        this.html = configure(new Handlebars(new NoPartials()));
        this.plain = configure(new Handlebars(new NoPartials()).with(EscapingStrategy.NOOP));
        this.fast = configure(new Handlebars(new NoPartials()).with(PreparedHtml.ESCAPING));
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
        return render(request, preparedAllowed);
    }

    /** How many renders took the prepared path (for tests). */
    long fastRenders() {
        return fastRenders.sum();
    }

    /**
     * {@code prepared}: whether a SEND may use the template prepared once ({@link PreparedHtml}); false
     * always parses, cleans and inlines each message (the tests compare both).
     */
    Rendering render(RenderRequest request, boolean prepared) {
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

        String finishedHtml = "";
        String text = "";
        List<String> blocked = List.of();
        String fastHtml =
                prepared && request.target() == RenderTarget.SEND ? fastHtml(content.html(), data, state) : null;
        String rawHtml = null;
        if (fastHtml != null) {
            fastRenders.increment();
            mark = timings.add(RenderTimings.Stage.HANDLEBARS, mark);
            finishedHtml = fastHtml;
            if (content.textPart().isEmpty()) {
                // The text part needs the document: parsing the finished HTML is a third of the full path.
                org.jsoup.nodes.Document doc = PreparedHtml.parse(fastHtml);
                mark = timings.add(RenderTimings.Stage.HTML_CLEAN, mark);
                text = PlainText.of(doc.body());
                timings.add(RenderTimings.Stage.TEXT_PART, mark);
            }
        } else {
            rawHtml = apply(html, htmlCache, Part.HTML, content.html(), data, state);
            mark = timings.add(RenderTimings.Stage.HANDLEBARS, mark);
        }
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

    /**
     * The finished HTML through the template prepared once per style sheet, or null when this template or
     * this message needs the full path (nothing of the attempt is kept then).
     */
    private String fastHtml(String source, Map<String, Object> data, State state) {
        Prepared p;
        synchronized (preparedCache) {
            p = preparedCache.containsKey(source) ? preparedCache.get(source).orElse(null) : null;
            if (p == null && preparedCache.containsKey(source)) {
                return null;
            }
        }
        if (p == null) {
            Optional<Prepared> made = source.length() <= MAX_CACHED_CHARS ? prepare(source) : Optional.empty();
            synchronized (preparedCache) {
                preparedCache.put(source, made);
            }
            p = made.orElse(null);
            if (p == null) {
                return null;
            }
        }
        if (p.disabled) {
            return null;
        }
        State own = new State();
        List<String> css = new ArrayList<>(p.styles.size());
        for (Template style : p.styles) {
            String c = run(style, data, own);
            if (c == null) {
                return null;
            }
            css.add(c);
        }
        String key = String.join("\u0000", css);
        Optional<Template> template;
        synchronized (p.bySheet) {
            template = p.bySheet.get(key);
        }
        if (template == null) {
            template = PreparedHtml.prepare(p.plan, css).flatMap(t -> {
                try {
                    return Optional.of(fast.compileInline(t));
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    return Optional.empty();
                }
            });
            synchronized (p.bySheet) {
                p.bySheet.put(key, template);
                // A style sheet that changes with every message: preparing would cost more than it saves.
                if (++p.sheets > MAX_SHEETS_PER_TEMPLATE) {
                    p.disabled = true;
                }
            }
        }
        if (template.isEmpty()) {
            return null;
        }
        PreparedHtml.resetUnsafe();
        String out = run(template.get(), data, own);
        // A missing value: the names are listed in the order the full path meets them, so let it.
        if (out == null || PreparedHtml.unsafe() || !own.missing.isEmpty()) {
            return null;
        }
        state.compiled.add(p.template);
        state.missing.addAll(own.missing);
        return out;
    }

    private Optional<Prepared> prepare(String source) {
        try {
            Optional<PreparedHtml.Plan> plan = PreparedHtml.plan(source, helperNames::contains);
            if (plan.isEmpty()) {
                return Optional.empty();
            }
            List<Template> styles = new ArrayList<>();
            for (String css : plan.get().styles()) {
                styles.add(html.compileInline(css));
            }
            return Optional.of(new Prepared(plan.get(), compile(html, htmlCache, source), List.copyOf(styles)));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Renders without reporting: null on any error (the full path then reports it). */
    private static String run(Template template, Map<String, Object> data, State state) {
        Context context =
                Context.newBuilder(data).resolver(DataResolver.INSTANCE).build();
        context.data(STATE, state);
        try {
            return template.apply(context);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        } finally {
            context.destroy();
        }
    }

    /** A template's plan, its source compiled (for the variables it uses), its style blocks compiled. */
    private static final class Prepared {
        final PreparedHtml.Plan plan;
        final Template template;
        final List<Template> styles;
        /** Prepared templates by the text of the style blocks (one per brand kit, usually). */
        final Map<String, Optional<Template>> bySheet = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Template>> eldest) {
                return size() > 8;
            }
        };

        int sheets;
        volatile boolean disabled;

        Prepared(PreparedHtml.Plan plan, Template template, List<Template> styles) {
            this.plan = plan;
            this.template = template;
            this.styles = styles;
        }
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

    /** The names each compiled template uses, found once: a send renders one template many times. */
    private final Map<Template, List<String>> namesCache =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private void collectNames(Template t, Set<String> names) {
        names.addAll(namesCache.computeIfAbsent(t, this::names));
    }

    private List<String> names(Template t) {
        Set<String> names = new LinkedHashSet<>();
        List<String> found =
                new ArrayList<>(t.collect(TagType.VAR, TagType.TRIPLE_VAR, TagType.AMP_VAR, TagType.SECTION));
        found.addAll(t.collectReferenceParameters());
        for (String raw : found) {
            VariablePaths.normalize(raw).filter(n -> !helperNames.contains(n)).ifPresent(names::add);
        }
        return List.copyOf(names);
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

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
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
