// SPDX-License-Identifier: GPL-3.0-or-later
#include "transitionlogdelegate.h"

#include "appstyle.h"

#include "tcpsim/session/transitionlog.h"

#include <QApplication>
#include <QPalette>

TransitionLogDelegate::TransitionLogDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void TransitionLogDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QPalette palette = QApplication::palette();
    if (index.data(TransitionLogModel::DiffersRole).toBool()) {
        // A warm wash, readable on light and dark palettes alike.
        const bool dark = AppStyle::isDark(palette);
        QColor wash = dark ? QColor(0xb0, 0x80, 0x00) : QColor(0xff, 0xc1, 0x07);
        wash.setAlpha(dark ? 90 : 70);
        option->backgroundBrush = wash;
    }
    const int column = index.column();
    const QVariant side = index.data(TransitionLogModel::SideRole);
    QColor text;
    if (column == TransitionLogModel::EndpointColumn && side.isValid())
        text = AppStyle::sideColor(static_cast<tcpsim::Side>(side.toInt()), palette);
    else if (index.data(TransitionLogModel::LiveRole).toBool() && column != TransitionLogModel::TransitionColumn)
        text = AppStyle::mutedText(palette);
    if (text.isValid())
        option->palette.setColor(QPalette::Text, text);
    if (column == TransitionLogModel::EndpointColumn)
        option->font.setBold(true);
}
