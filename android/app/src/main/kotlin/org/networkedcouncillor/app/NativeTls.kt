package org.networkedcouncillor.app

import android.content.Context

/**
 * The Rust library, `libcouncillor.so` (android/rust): the core's runtime plus one JNI call.
 *
 * uniffi's bindings load it through JNA under the name `shared` unless told otherwise, so the
 * name is set here before the first use. [init] hands the HTTPS client's certificate verifier
 * (rustls-platform-verifier) the application context it needs to ask Android's trust store.
 */
object NativeTls {
    private const val LIBRARY = "councillor"

    init {
        System.setProperty("uniffi.component.shared.libraryOverride", LIBRARY)
        System.loadLibrary(LIBRARY)
    }

    /** Call once, before the core makes its first request: in [CouncillorApplication.onCreate]. */
    @JvmStatic
    external fun init(context: Context)
}
