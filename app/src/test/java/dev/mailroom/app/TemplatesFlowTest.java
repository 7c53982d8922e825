package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailroom.app.templates.TemplateEditorViewModel;
import dev.mailroom.model.templates.Template;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.web.WebView;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;

/**
 * Issue 6 in the window: the owner opens a demo template, types in the source and sees the preview
 * follow and saves with Ctrl+S; a template with a script and remote images renders with neither run
 * nor fetched; a Handlebars error shows line and column and the editor keeps working.
 */
class TemplatesFlowTest extends ConsoleRobot {

    private void openWelcomeTemplate() throws Exception {
        startConsole(true); // the demo store: Able Moose Group current, with three starter templates
        waitUntil(() -> showing("#nav-templates"));
        clickOn("#nav-templates");
        waitUntil(() -> rows("#templates-table").size() == 3);
        doubleClickOn(cell("#templates-table", "Welcome"));
        waitUntil(() -> showing("#template-editor") && vm().renders().get() > 0);
        waitUntil(() -> documentText().contains("Jordan"));
    }

    private TemplateEditorViewModel vm() {
        return (TemplateEditorViewModel)
                lookup("#template-editor").query().getProperties().get(TemplateEditorViewModel.class);
    }

    private CodeArea source() {
        return lookup("#template-source").queryAs(CodeArea.class);
    }

    private WebView preview() {
        return lookup("#template-preview").queryAs(WebView.class);
    }

    /** The text of the document the preview has loaded, read on the FX thread. */
    private String documentText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
                    if (preview().getEngine().getLoadWorker().getState() != Worker.State.SUCCEEDED) {
                        return "";
                    }
                    Document doc = preview().getEngine().getDocument();
                    return doc == null || doc.getDocumentElement() == null
                            ? ""
                            : doc.getDocumentElement().getTextContent();
                })
                .get();
    }

    private void replaceSource(String html) {
        interact(() -> source().replaceText(html));
    }

    @Test
    void typingInTheSourceChangesThePreviewCtrlSSavesAndAVersionIsComparedAndRestored() throws Exception {
        openWelcomeTemplate();
        assertThat(documentText()).doesNotContain("Zebra");

        interact(() -> source().moveTo(source().getText().indexOf("</body>")));
        clickOn(source()); // Monocle gives focus only to what is clicked; the click moves the caret, so place it again
        interact(() -> source().moveTo(source().getText().indexOf("</body>")));
        write("Zebra crossing");

        waitUntil(() -> vm().previewHtml().get().contains("Zebra crossing"));
        waitUntil(() -> documentText().contains("Zebra crossing"));
        assertThat(vm().dirty().get()).isTrue();

        press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitUntil(() -> vm().version().get() == 2 && !vm().dirty().get());
        assertThat(lookup("#template-version").queryAs(Label.class).getText()).startsWith("Version 2");

        // History: compare version 1 with the current one side by side, then restore it.
        clickOn("#template-history");
        waitUntil(
                () -> lookup("#version-list").queryAs(ListView.class).getItems().size() == 2);
        interact(() -> lookup("#version-list")
                .queryAs(ListView.class)
                .getSelectionModel()
                .select(1));
        clickOn("#version-compare");
        waitUntil(() -> showing("#compare-tabs"));
        TabPane tabs = lookup("#compare-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("HTML •");
        clickDialogButton("Close");
        waitUntil(() -> !showing("#compare-tabs"));
        interact(() -> lookup("#version-list")
                .queryAs(ListView.class)
                .getSelectionModel()
                .clearAndSelect(1));
        clickOn("#version-restore");
        waitUntil(() -> vm().version().get() == 3 && !source().getText().contains("Zebra crossing"));
        waitUntil(() -> !documentText().contains("Zebra crossing"));

        // Back in the list the template shows its newest version (the restore made one).
        clickOn("#template-back");
        waitUntil(() -> this.<Template>rows("#templates-table").stream()
                .anyMatch(t -> t.name().equals("Welcome") && t.version() == 3));
    }

    @Test
    void aScriptAndRemoteImagesNeitherRunNorLoadInThePreview() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            openWelcomeTemplate();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            replaceSource("<html><body>\n<p id=\"marker\">Script stayed quiet</p>\n"
                    + "<script>document.getElementById('marker').textContent = 'SCRIPT RAN';</script>\n"
                    + "<img src=\"" + base + "/pixel.png\" alt=\"tracker\">\n"
                    + "<div style=\"background-image: url(" + base + "/bg.png)\">Background</div>\n"
                    + "<p onclick=\"alert(1)\">Click</p>\n</body></html>");

            waitUntil(() -> documentText().contains("Script stayed quiet"));
            assertThat(documentText()).doesNotContain("SCRIPT RAN");
            // The original address may stay as an inert data attribute; nothing that loads points at it.
            assertThat(vm().previewHtml().get())
                    .doesNotContain("<script")
                    .doesNotContain("onclick")
                    .doesNotContain(" src=\"" + base)
                    .doesNotContain("url(" + base);
            assertThat(vm().blockedRemoteUrls()).contains(base + "/pixel.png");
            String scripts = WaitForAsyncUtils.asyncFx(() -> Integer.toString(preview()
                            .getEngine()
                            .getDocument()
                            .getElementsByTagName("script")
                            .getLength()))
                    .get();
            assertThat(scripts).isEqualTo("0");
            assertThat(showing("#preview-blocked")).isTrue();
            assertThat(fetched.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aHandlebarsErrorShowsLineAndColumnAndTheEditorKeepsWorking() throws Exception {
        openWelcomeTemplate();
        replaceSource("<html><body>\n<p>Hello {{user.firstName}}</p>\n<p>{{#if user}}never closed</p>\n</body></html>");

        waitUntil(() -> lookup("#template-problems .button").tryQuery().isPresent());
        Node problem = lookup("#template-problems .button").query();
        // The block opened on line 3 is still open where the source ends, on line 4: that is where Handlebars points.
        assertThat(((Button) problem).getText()).matches("HTML, line 4, column \\d+: .*");
        // The last good preview stays while the source is broken.
        assertThat(documentText()).contains("Jordan");

        // Clicking the problem puts the caret on that line; typing there fixes the template.
        clickOn(problem);
        waitUntil(() -> source().getCurrentParagraph() == 3);
        interact(() -> source().moveTo(2, source().getParagraphLength(2) - "</p>".length()));
        clickOn(source());
        interact(() -> source().moveTo(2, source().getParagraphLength(2) - "</p>".length()));
        write("{{/if}}");
        waitUntil(() -> vm().problems().isEmpty());
        waitUntil(
                () -> documentText().contains("never closed") && documentText().contains("Hello Jordan"));
        assertThat(showing("#template-problems")).isFalse();
    }

    @Test
    void ctrlNCopiesAStarterAndOpensItInTheEditor() throws Exception {
        startConsole(true);
        waitUntil(() -> showing("#nav-templates"));
        clickOn("#nav-templates");
        waitUntil(() -> rows("#templates-table").size() == 3);

        press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(() -> showing("#starter-tree"));
        clickOn("Receipt");
        waitUntil(() -> !lookup("#starter-use").query().isDisabled());
        clickOn("#starter-use");

        waitUntil(() -> showing("#template-editor") && vm().renders().get() > 0);
        assertThat(vm().name().get()).isEqualTo("Receipt");
        assertThat(vm().problems()).isEmpty();
        // The copy draws on Able Moose's brand kit: its company name is in the preview.
        waitUntil(() -> documentText().contains("Able Moose Group"));

        clickOn("#template-back");
        waitUntil(() -> rows("#templates-table").size() == 4);
    }

    @Test
    void aDesignerSeesTheLibraryReadOnlyAndCopiesATemplateIntoHerClient() throws Exception {
        startConsole(true);
        waitUntil(() -> showing("#nav-users"));
        clickOn("#nav-users");
        waitUntil(() -> rows("#users-table").size() >= 6);
        clickOn(cell("#users-table", "Bea Lindqvist"));
        waitUntil(() -> showing("#user-act-as"));
        clickOn("#user-act-as");
        waitUntil(() -> showing("#acting-banner") && showing("#nav-library"));

        clickOn("#nav-library");
        waitUntil(() -> rows("#library-table").size() == 2);
        assertThat(showing("#library-readonly-note")).isTrue();
        assertThat(lookup("#library-new").query().isDisabled()).isTrue();
        assertThat(lookup("#library-import").query().isDisabled()).isTrue();

        clickOn(cell("#library-table", "Password reset"));
        waitUntil(() -> showing("#library-copy"));
        clickOn("#library-copy");
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        clickDialogButton("OK");

        clickOn("#nav-templates");
        waitUntil(() -> this.<Template>rows("#templates-table").stream()
                .anyMatch(t -> t.name().equals("Password reset")
                        && t.origin().orElse("").startsWith("Agency library")));
    }

    @Test
    void aBrandKitChangeReachesTheTemplateAtItsNextRender() throws Exception {
        openWelcomeTemplate();
        assertThat(vm().previewHtml().get()).containsIgnoringCase("#2563EB").doesNotContain("#B91C1C");
        clickOn("#template-back");
        waitUntil(() -> showing("#templates-brand-kit"));

        clickOn("#templates-brand-kit");
        waitUntil(() -> showing("#brand-primaryColor"));
        TextField primary = lookup("#brand-primaryColor").queryAs(TextField.class);
        interact(primary::clear);
        clickOn(primary);
        write("#B91C1C");
        clickOn("#brand-save");
        waitUntil(() -> !showing("#brand-primaryColor"));

        doubleClickOn(cell("#templates-table", "Welcome"));
        waitUntil(() -> showing("#template-editor") && vm().previewHtml().get().contains("#B91C1C"));
    }

    @Test
    void aFiveMegabyteTemplateStaysEditable() throws Exception {
        openWelcomeTemplate();
        StringBuilder big = new StringBuilder("<html><body><table>\n");
        for (int i = 0; big.length() < 5 * 1024 * 1024; i++) {
            big.append("<tr><td>{{user.firstName}}</td><td class=\"sku\">Item ")
                    .append(i)
                    .append("</td></tr>\n");
        }
        big.append("</table><p>End of the big one</p></body></html>");
        replaceSource(big.toString());
        // Rendering and inlining 5 MB takes seconds on a busy machine: a generous cap, not a speed check.
        waitLong(() -> vm().previewHtml().get().contains("End of the big one"));

        // Typing still reaches the source and, once rendering catches up, the preview.
        interact(() -> source().moveTo(source().getText().indexOf("End of the big one")));
        clickOn(source());
        interact(() -> source().moveTo(source().getText().indexOf("End of the big one")));
        write("Quick ");
        assertThat(source().getText()).contains("Quick End of the big one");
        waitLong(() -> vm().previewHtml().get().contains("Quick End of the big one"));
        assertThat(vm().problems()).isEmpty();
    }

    private static void waitLong(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
