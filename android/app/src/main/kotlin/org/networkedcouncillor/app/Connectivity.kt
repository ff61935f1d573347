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
 * Whether the device can reach the internet, from [ConnectivityManager]: now, then on every
 * change of the default network. Online means the network has internet and Android has
 * validated it (so a captive portal counts as offline). The core decides what that means for
 * syncing.
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
    hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET) &&
        hasCapability(NetworkCapabilities.NET_CAPABILITY_VALIDATED)
