// SPDX-License-Identifier: GPL-3.0-or-later
// Help → Keyboard shortcuts: one page listing every key and mouse gesture, in large type so a
// class can read it from the projector.
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>

class QLabel;

class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);

    // The page's rows: keys, then what they do (in the interface language).
    static QList<QPair<QString, QString>> rows();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_table = nullptr;
};
