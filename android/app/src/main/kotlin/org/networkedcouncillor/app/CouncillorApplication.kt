package org.networkedcouncillor.app

import android.app.Application

/** Loads the Rust library and readies its TLS verifier before anything talks to the core. */
class CouncillorApplication : Application() {
    override fun onCreate() {
        super.onCreate()
        NativeTls.init(this)
    }
}
