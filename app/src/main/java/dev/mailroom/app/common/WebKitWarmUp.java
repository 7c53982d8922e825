package dev.mailroom.app.common;

import dev.mailroom.app.common.BackgroundRunner.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads WebKit's native library in the background once the person is signed in. The first WebView (the
 * template editor's preview, the send dialog's) otherwise loads it on the FX thread: the window froze
 * 2.3–2.8 s there (found with {@code --watch-stalls}); loaded beforehand, the first WebView takes ~0.4 s.
 * A WebView itself must still be made on the FX thread, and only when a screen shows one.
 */
public final class WebKitWarmUp {
    private static final Logger log = LoggerFactory.getLogger(WebKitWarmUp.class);

    private WebKitWarmUp() {}

    public static void start(BackgroundRunner runner) {
        runner.run(Task.<Void>of(
                "Preparing the message preview",
                p -> {
                    // The same loader call WebKit's own classes make; a second call is a no-op.
                    com.sun.glass.utils.NativeLibLoader.loadLibrary("jfxwebkit");
                    return null;
                },
                done -> {},
                // Not fatal: the first preview loads it then, as before.
                e -> log.warn("WebKit was not loaded ahead: {}", e.toString())));
    }
}
