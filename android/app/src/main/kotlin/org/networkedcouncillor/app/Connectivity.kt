package org.networkedcouncillor.app

import android.content.Context
import android.net.ConnectivityManager
import android.net.Network
import android.net.NetworkCapabilities
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.distinctUntilChanged

/**
 * Whether the device has a network that offers internet, from [ConnectivityManager]: now, then
 * on every change of the default network. Android's "validated" flag is not required: it needs
 * Google's check server to answer, which an emulator with no internet (syncing to the host at
 * 10.0.2.2) or a council network that blocks it never does, and then the app would never try.
 * A sync that fails behind a captive portal costs one request; the core decides when to retry.
 */
fun Context.onlineUpdates(): Flow<Boolean> = callbackFlow {
    val manager = getSystemService(ConnectivityManager::class.java)
    val callback = object : ConnectivityManager.NetworkCallback() {
        override fun onCapabilitiesChanged(network: Network, capabilities: NetworkCapabilities) {
            trySend(capabilities.isOnline())
        }

        override fun onLost(network: Network) {
            trySend(false)
        }
    }
    trySend(manager.activeNetwork?.let(manager::getNetworkCapabilities)?.isOnline() == true)
    manager.registerDefaultNetworkCallback(callback)
    awaitClose { manager.unregisterNetworkCallback(callback) }
}.conflate().distinctUntilChanged()

private fun NetworkCapabilities.isOnline(): Boolean =
    hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET)
