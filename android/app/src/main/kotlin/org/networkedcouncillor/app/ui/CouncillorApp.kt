package org.networkedcouncillor.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.safeDrawingPadding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.networkedcouncillor.app.CoreState
import org.networkedcouncillor.app.CouncillorViewModel
import org.networkedcouncillor.app.ui.frame.AppFrame

/** The window's content: the app once the core is open, or why it cannot open. */
@Composable
fun CouncillorApp(viewModel: CouncillorViewModel) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    CompositionLocalProvider(LocalSendEvent provides viewModel::send) {
        Surface(modifier = Modifier.fillMaxSize()) {
            when (val current = state) {
                CoreState.Opening -> Opening()
                is CoreState.Ready -> AppFrame(current.view)
                is CoreState.Failed -> CannotOpen(current.message)
            }
        }
    }
}

@Composable
private fun Opening() {
    Box(modifier = Modifier.fillMaxSize(), contentAlignment = Alignment.Center) {
        CircularProgressIndicator()
    }
}

/**
 * The runtime could not open at all. The message is the runtime's own: what happened and what
 * to do.
 */
@Composable
private fun CannotOpen(message: String) {
    Column(
        modifier = Modifier
            .fillMaxSize()
            .safeDrawingPadding()
            .verticalScroll(rememberScrollState())
            .padding(24.dp),
        horizontalAlignment = Alignment.CenterHorizontally,
        verticalArrangement = Arrangement.spacedBy(16.dp, Alignment.CenterVertically),
    ) {
        Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.error)
        Text(message, style = MaterialTheme.typography.titleMedium, textAlign = TextAlign.Center)
    }
}
