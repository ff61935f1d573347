package org.networkedcouncillor.app.ui.frame

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.imePadding
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.key
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.paneTitle
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.LocalSendEvent
import org.networkedcouncillor.app.ui.components.WarningText
import org.networkedcouncillor.app.ui.screens.ScreenContent
import org.networkedcouncillor.shared.ViewModel

/**
 * The frame around every screen: the top bar with "Back", notices, warnings, the sync status,
 * the screen itself, and the main navigation at the bottom. The system back gesture does what
 * the core's "Back" does, when the screen has one.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AppFrame(view: ViewModel) {
    val send = LocalSendEvent.current
    val back = view.back
    BackHandler(enabled = back != null) { back?.let { send(it.event) } }
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(view.title, maxLines = 1, overflow = TextOverflow.Ellipsis) },
                navigationIcon = {
                    if (back != null) {
                        IconButton(onClick = { send(back.event) }) {
                            Icon(Icons.AutoMirrored.Filled.ArrowBack, contentDescription = back.label)
                        }
                    }
                },
            )
        },
        bottomBar = {
            if (view.tabs.isNotEmpty()) {
                DestinationBar(view.tabs, view.shell.navLabel)
            }
        },
    ) { padding ->
        // A new screen starts at its top, with fresh text fields, and TalkBack hears its title.
        key(view.screenKey()) {
            Column(
                modifier = Modifier
                    .padding(padding)
                    .fillMaxSize()
                    .imePadding()
                    .verticalScroll(rememberScrollState())
                    .semantics { paneTitle = view.title },
                horizontalAlignment = Alignment.CenterHorizontally,
            ) {
                Column(
                    modifier = Modifier.widthIn(max = 720.dp).fillMaxWidth().padding(16.dp),
                    verticalArrangement = Arrangement.spacedBy(16.dp),
                ) {
                    view.notice?.let { notice -> NoticeBanner(notice) }
                    view.warning?.let { warning -> WarningText(view.shell.warningLabel, warning) }
                    SyncStatusLine(view.sync)
                    ScreenContent(view.screen, view.shell)
                }
            }
        }
    }
}
