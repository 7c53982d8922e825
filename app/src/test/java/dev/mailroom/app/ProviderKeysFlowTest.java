package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.demo.DemoData;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12 through the screens: on the Connections page, "Create key…" makes a scoped SendGrid key (a
 * loopback SendGrid) and shows it once with Copy; the keys list then shows it with its scopes.
 */
class ProviderKeysFlowTest extends ConsoleRobot {
    private static final String NEW_KEY = "SG.flowkeyid0001.FLOWSECRETFLOWSECRETFLOWSECRETFLOWSECRET";

    @Test
    void createsAScopedKeyAndShowsItOnce() throws Exception {
        try (ApiStub stub = ApiStub.unchecked()) {
            stub.on(
                    "POST",
                    "/v3/api_keys",
                    r -> ApiStub.Reply.json(
                            201,
                            "{\"api_key\":\"" + NEW_KEY
                                    + "\",\"api_key_id\":\"flowkeyid0001\",\"name\":\"Web shop\",\"scopes\":[\"mail.send\"]}"));
            startConsole(true);
            WaitForAsyncUtils.waitFor(
                    300, TimeUnit.SECONDS, () -> showing("#main-window") && showing("#nav-connections"));
            var s = services();
            var tx = s.store().transactions();
            TenantId acme = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                    .orElseThrow()
                    .id();
            var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                            .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                    .orElseThrow();
            s.connections()
                    .createApi(
                            Actor.of(new Principal(owner.id(), owner.name())),
                            acme,
                            new ApiConnectionDraft(
                                    "Able Moose on SendGrid",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.SENDGRID_API,
                                    Optional.of(Secret.of("SG.flowparent0001.PARENTPARENTPARENTPARENTPARENT")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    2,
                                    0));

            clickOn("#nav-connections");
            waitUntil(() -> showing("#connections-table"));
            clickOn("Provider keys");
            waitUntil(() -> showing("#provider-key-create")
                    && !lookup("#provider-key-create").query().isDisabled());
            scrollIntoView(lookup("#provider-key-create").query());
            clickOn("#provider-key-create");
            waitUntil(() -> showing("#provider-key-name"));
            type("#provider-key-name", "Web shop");
            clickOn("#provider-key-make");
            waitUntil(() -> showing("#provider-key-secret"));
            assertThat(lookup("#provider-key-secret")
                            .queryAs(javafx.scene.control.TextField.class)
                            .getText())
                    .isEqualTo(NEW_KEY);
            snapshot("#provider-key-secret", "provider-key-shown-once.png");
            clickDialogButton("Close");
            waitUntil(() -> !showing("#provider-key-secret"));
            waitUntil(() -> this.<ProviderKey>rows("#provider-keys").stream()
                    .anyMatch(k -> k.name().equals("Web shop")));
            assertThat(this.<ProviderKey>rows("#provider-keys"))
                    .singleElement()
                    .satisfies(k -> assertThat(k.scopes()).containsExactly("mail.send"));
            assertThat(lookup(n -> n instanceof javafx.scene.control.Labeled l
                                    && l.getText() != null
                                    && l.getText().contains("FLOWSECRET"))
                            .tryQuery())
                    .isEmpty();
            snapshot("#provider-keys", "provider-keys-list.png");
            assertThat(stub.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("\"scopes\":[\"mail.send\"]"));
        }
    }

    /** A picture of the window holding {@code query}, for a person to look at (target/screenshots). */
    private void snapshot(String query, String file) throws Exception {
        javafx.scene.Scene scene = lookup(query).query().getScene();
        java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        interact(() -> image[0] = scene.snapshot(null));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(image[0], null),
                "png",
                dir.resolve(file).toFile());
    }
}
