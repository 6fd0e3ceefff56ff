// SPDX-License-Identifier: GPL-3.0-or-later
#include "shortcutsdialog.h"

#include "appstyle.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

ShortcutsDialog::ShortcutsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto *layout = new QVBoxLayout(this);
    m_table = new QLabel(this);
    m_table->setTextFormat(Qt::RichText);
    // Half as large again as the window's text: read from the back of a room.
    m_table->setFont(AppStyle::withPixelSize(font(), font().pixelSize() > 0 ? font().pixelSize() * 3 / 2 : 22));
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);
    retranslate();
}

QList<QPair<QString, QString>> ShortcutsDialog::rows()
{
    return {
        {tr("Space, →, Page Down"), tr("Step: run the next step")},
        {tr("←, Backspace, Page Up"), tr("Back: the previous step, exactly")},
        {tr("Home"), tr("Reset to the start of the lesson")},
        {tr("P"), tr("Play / Pause")},
        {tr("L"), tr("Live pair on / off")},
        {tr("Click an arrow"), tr("Inspect the segment's TCP header")},
        {tr("Shift+click an arrow in flight"), tr("Lose that segment in the network (also: right-click)")},
        {tr("F5 / Esc"), tr("Presentation mode: only the ladder, the explanation and the state diagram / leave it")},
        {tr("F11"), tr("Full screen")},
        {tr("Ctrl + / Ctrl − / Ctrl 0"), tr("Zoom in / out / actual size (in presentation mode: the ladder)")},
        {tr("Ctrl 9"), tr("Fit all: the whole ladder on screen, rows compressed / normal rows again")},
        {tr("Ctrl T"), tr("Time scale: the ladder's rows placed by virtual time / by step again")},
        {tr("Ctrl O / Ctrl S / Ctrl N"), tr("Open a lesson / save the lesson / new free session")},
        {tr("F1"), tr("This page")},
    };
}

void ShortcutsDialog::retranslate()
{
    setWindowTitle(tr("Keyboard shortcuts"));
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='6'>");
    for (const auto &[keys, action] : rows())
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), action.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_table->setText(html);
}

void ShortcutsDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}
