// SPDX-License-Identifier: GPL-3.0-or-later
// The transition log as the window paints it: the session's TransitionLogModel says what a row
// is (its side, whether the kernel differs, whether it comes from the live pair); this delegate
// turns that into colours and fonts for the current palette.
#pragma once

#include <QStyledItemDelegate>

class TransitionLogDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TransitionLogDelegate(QObject *parent = nullptr);

    // The option a row's cell is painted with (public: the tests read it).
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
