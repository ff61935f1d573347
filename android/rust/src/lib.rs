//! The Android app's native library, `libcouncillor.so`.
//!
//! It is the core's runtime (`shared` with the `native` feature: the uniffi object
//! `CoreRuntime` and everything behind it) plus one JNI function. The runtime's HTTPS client
//! checks certificates with `rustls-platform-verifier`, which on Android asks the platform's
//! trust manager through the JVM, so it needs the app's `Context` before the first request
//! (docs/adr/0007-native-runtime.md). `NativeTls.init(context)` in the app gives it, once,
//! at start-up.
//!
//! Nothing else lives here: the shells hold no logic (docs/adr/0012-native-shells.md).

// Links the runtime in whole; its `#[no_mangle]` uniffi functions are this library's exports.
pub use shared;

#[cfg(target_os = "android")]
mod android {
    use jni::EnvUnowned;
    use jni::errors::ThrowRuntimeExAndDefault;
    use jni::objects::{JClass, JObject};

    /// `org.networkedcouncillor.app.NativeTls.init(context)`: hands the verifier the JVM and the
    /// application context. Safe to call more than once; a failure is thrown as a Java
    /// `RuntimeException` with the JNI error's words.
    #[unsafe(no_mangle)]
    pub extern "system" fn Java_org_networkedcouncillor_app_NativeTls_init<'caller>(
        mut env: EnvUnowned<'caller>,
        _class: JClass<'caller>,
        context: JObject<'caller>,
    ) {
        env.with_env(|env| rustls_platform_verifier::android::init_with_env(env, context))
            .resolve::<ThrowRuntimeExAndDefault>();
    }
}
