/* Cue-word lexicons (en, de, fr, es, pt, ru, it) for the line classifier.
 * The phrases are the ordinary wording of page furniture (share buttons,
 * comment forms, newsletter prompts, ...), folded to lower case. */
#include "lines_lex.h"
#include "lines_match.h" /* the index sizes checked below */

#include <string.h>

#define ANY SL_CUE_ANY
#define START SL_CUE_START
#define WHOLE SL_CUE_WHOLE
#define END SL_CUE_END
#define MARK SL_CUE_MARKER
#define WEAK SL_CUE_WEAK
#define SOCIAL (SL_CUE_SOCIAL | SL_CUE_EDGE)
#define DATED (SL_CUE_DATED | SL_CUE_EDGE)
#define CREDIT SL_CUE_CREDIT
#define EDGE SL_CUE_EDGE

/* Order matters: the first match wins, so the most specific come first. */
static const sl_cue cues[] = {
    /* Photo captions and credits. */
    { "file photo", "caption", START, 0, 90 },
    { "file picture", "caption", START, 0, 90 },
    { "file image", "caption", START, 0, 90 },
    { "file -", "caption", START, 0, 90 },
    { "the file photo", "caption", START, 0, 90 },
    { "a file photo", "caption", START, 0, 90 },
    { "this file photo", "caption", START, 0, 90 },
    { "in this file photo", "caption", START, 0, 90 },
    { "in this photo", "caption", START, 0, 90 },
    { "in this image", "caption", START, 0, 90 },
    { "this photo shows", "caption", START, 0, 90 },
    { "the photo shows", "caption", START, 0, 90 },
    { "the picture shows", "caption", START, 0, 90 },
    { "the image shows", "caption", START, 0, 90 },
    { "photo:", "caption", START, 0, 90 },
    { "photo :", "caption", START, 0, 90 },
    { "photos:", "caption", START, 0, 90 },
    { "photo by", "caption", START, 0, 90 },
    { "photo credit", "caption", START, 0, 90 },
    { "photograph:", "caption", START, 0, 90 },
    { "picture:", "caption", START, 0, 90 },
    { "pictured:", "caption", START, 0, 90 },
    { "image:", "caption", START, 0, 90 },
    { "image by", "caption", START, 0, 90 },
    { "caption:", "caption", START, 0, 90 },
    { "(photo", "caption", START, 0, 90 },
    { "(image", "caption", START, 0, 90 },
    { "[photo", "caption", START, 0, 90 },
    { "foto:", "caption", START, 0, 90 },
    { "fotos:", "caption", START, 0, 90 },
    { "foto von", "caption", START, 0, 90 },
    { "bild:", "caption", START, 0, 90 },
    { "archivbild", "caption", START, 0, 90 },
    { "archivfoto", "caption", START, 0, 90 },
    { "photo d'archive", "caption", START, 0, 90 },
    { "crédit photo", "caption", START, 0, 90 },
    { "légende :", "caption", START, 0, 90 },
    { "foto de archivo", "caption", START, 0, 90 },
    { "imagen:", "caption", START, 0, 90 },
    { "foto di", "caption", START, 0, 90 },
    { "immagine:", "caption", START, 0, 90 },
    { "фото:", "caption", START, 0, 90 },
    { "фото из архива", "caption", START, 0, 90 },
    { "на фото", "caption", START, 0, 90 },
    { "(photo:", "caption", ANY, 0, 70 },
    { "(photo by", "caption", ANY, 0, 70 },
    { "(foto:", "caption", ANY, 0, 70 },
    { "(image:", "caption", ANY, 0, 70 },
    { "reuters/", "caption", ANY, 0, 90 },
    { "afp/", "caption", ANY, 0, 90 },
    { "ap photo/", "caption", ANY, 0, 90 },
    { "epa/", "caption", ANY, 0, 90 },
    { "(reuters)", "caption", END, 0, 70 },
    { "(afp)", "caption", END, 0, 70 },
    { "(ap)", "caption", END, 0, 70 },
    { "(ap photo)", "caption", END, 0, 70 },
    { "(xinhua)", "caption", END, 0, 70 },
    { "getty images", "caption", END, 0, 70 },
    { "shutterstock", "caption", END, 0, 70 },

    /* Comment forms. */
    { "leave a reply", "comment-form", START, MARK, 12 },
    { "leave a comment", "comment-form", START, MARK, 12 },
    { "your email address will not be published", "comment-form", ANY, MARK, 30 },
    { "your e-mail address will not be published", "comment-form", ANY, MARK, 30 },
    { "required fields are marked", "comment-form", ANY, MARK, 30 },
    { "post comment", "comment-form", WHOLE, MARK, 3 },
    { "submit comment", "comment-form", WHOLE, MARK, 3 },
    { "cancel reply", "comment-form", WHOLE, MARK, 3 },
    { "save my name", "comment-form", START, MARK, 30 },
    { "notify me of", "comment-form", START, 0, 20 },
    { "comments are closed", "comment-form", START, MARK, 12 },
    { "you must be logged in to post a comment", "comment-form", START, MARK, 20 },
    { "add a comment", "comment-form", WHOLE, MARK, 4 },
    { "write a comment", "comment-form", WHOLE, MARK, 4 },
    { "hinterlasse einen kommentar", "comment-form", START, MARK, 12 },
    { "schreibe einen kommentar", "comment-form", START, MARK, 12 },
    { "kommentar verfassen", "comment-form", START, MARK, 12 },
    { "deine e-mail-adresse wird nicht veröffentlicht", "comment-form", ANY, MARK, 30 },
    { "ihre e-mail-adresse wird nicht veröffentlicht", "comment-form", ANY, MARK, 30 },
    { "erforderliche felder sind mit", "comment-form", ANY, MARK, 30 },
    { "kommentar abschicken", "comment-form", WHOLE, MARK, 3 },
    { "laisser un commentaire", "comment-form", START, MARK, 12 },
    { "laisser une réponse", "comment-form", START, MARK, 12 },
    { "votre adresse e-mail ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "votre adresse email ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "votre adresse de messagerie ne sera pas publiée", "comment-form", ANY, MARK, 30 },
    { "les champs obligatoires sont indiqués", "comment-form", ANY, MARK, 30 },
    { "deja una respuesta", "comment-form", START, MARK, 12 },
    { "deja un comentario", "comment-form", START, MARK, 12 },
    { "tu dirección de correo electrónico no será publicada", "comment-form", ANY, MARK, 30 },
    { "los campos obligatorios están marcados", "comment-form", ANY, MARK, 30 },
    { "publicar comentario", "comment-form", WHOLE, MARK, 3 },
    { "deixe uma resposta", "comment-form", START, MARK, 12 },
    { "deixe um comentário", "comment-form", START, MARK, 12 },
    { "o seu endereço de email não será publicado", "comment-form", ANY, MARK, 30 },
    { "o seu endereço de e-mail não será publicado", "comment-form", ANY, MARK, 30 },
    { "seu endereço de e-mail não será publicado", "comment-form", ANY, MARK, 30 },
    { "campos obrigatórios são marcados", "comment-form", ANY, MARK, 30 },
    { "оставьте комментарий", "comment-form", START, MARK, 12 },
    { "оставить комментарий", "comment-form", START, MARK, 12 },
    { "добавить комментарий", "comment-form", START, MARK, 12 },
    { "ваш адрес email не будет опубликован", "comment-form", ANY, MARK, 30 },
    { "ваш e-mail не будет опубликован", "comment-form", ANY, MARK, 30 },
    { "обязательные поля помечены", "comment-form", ANY, MARK, 30 },
    { "lascia un commento", "comment-form", START, MARK, 12 },
    { "lascia una risposta", "comment-form", START, MARK, 12 },
    { "il tuo indirizzo email non sarà pubblicato", "comment-form", ANY, MARK, 30 },
    { "i campi obbligatori sono contrassegnati", "comment-form", ANY, MARK, 30 },
    { "name", "comment-form", WHOLE, WEAK, 2 },
    { "email", "comment-form", WHOLE, WEAK, 2 },
    { "e-mail", "comment-form", WHOLE, WEAK, 2 },
    { "website", "comment-form", WHOLE, WEAK, 2 },
    { "comment", "comment-form", WHOLE, WEAK, 2 },
    { "comments", "comment-form", WHOLE, WEAK, 2 },

    /* Related-post blocks and tag lists: the tail of a spam blog. */
    { "related posts", "spam-tail", START, MARK, 8 },
    { "related articles", "spam-tail", START, MARK, 8 },
    { "related stories", "spam-tail", START, MARK, 8 },
    { "related news", "spam-tail", START, MARK, 8 },
    { "related:", "spam-tail", START, MARK, 8 },
    { "you may also like", "spam-tail", START, MARK, 8 },
    { "you might also like", "spam-tail", START, MARK, 8 },
    { "recommended for you", "spam-tail", START, MARK, 8 },
    { "tags:", "spam-tail", START, MARK, 40 },
    { "tagged:", "spam-tail", START, MARK, 40 },
    { "tagged with", "spam-tail", START, MARK, 40 },
    { "filed under", "spam-tail", START, MARK, 40 },
    { "ähnliche beiträge", "spam-tail", START, MARK, 8 },
    { "ähnliche artikel", "spam-tail", START, MARK, 8 },
    { "verwandte artikel", "spam-tail", START, MARK, 8 },
    { "das könnte sie auch interessieren", "spam-tail", START, MARK, 8 },
    { "schlagwörter:", "spam-tail", START, MARK, 40 },
    { "articles similaires", "spam-tail", START, MARK, 8 },
    { "articles liés", "spam-tail", START, MARK, 8 },
    { "vous aimerez aussi", "spam-tail", START, MARK, 8 },
    { "entradas relacionadas", "spam-tail", START, MARK, 8 },
    { "artículos relacionados", "spam-tail", START, MARK, 8 },
    { "noticias relacionadas", "spam-tail", START, MARK, 8 },
    { "etiquetas:", "spam-tail", START, MARK, 40 },
    { "posts relacionados", "spam-tail", START, MARK, 8 },
    { "artigos relacionados", "spam-tail", START, MARK, 8 },
    { "notícias relacionadas", "spam-tail", START, MARK, 8 },
    { "похожие записи", "spam-tail", START, MARK, 8 },
    { "похожие статьи", "spam-tail", START, MARK, 8 },
    { "метки:", "spam-tail", START, MARK, 40 },
    { "теги:", "spam-tail", START, MARK, 40 },
    { "articoli correlati", "spam-tail", START, MARK, 8 },
    { "notizie correlate", "spam-tail", START, MARK, 8 },
    { "potrebbe interessarti", "spam-tail", START, MARK, 8 },

    /* Alternate or mirror addresses. */
    { "alternate address", "mirror", ANY, MARK, 40 },
    { "alternative address", "mirror", ANY, MARK, 40 },
    { "alternate addresses", "mirror", ANY, MARK, 40 },
    { "alternative addresses", "mirror", ANY, MARK, 40 },
    { "mirror site", "mirror", ANY, MARK, 40 },
    { "mirror address", "mirror", ANY, MARK, 40 },
    { "if the site is blocked", "mirror", ANY, MARK, 40 },
    { "if our site is blocked", "mirror", ANY, MARK, 40 },
    { "if the website is blocked", "mirror", ANY, MARK, 40 },
    { "also be accessed at", "mirror", ANY, MARK, 40 },
    { "alternative adresse", "mirror", ANY, MARK, 40 },
    { "spiegelseite", "mirror", ANY, MARK, 40 },
    { "adresse alternative", "mirror", ANY, MARK, 40 },
    { "site miroir", "mirror", ANY, MARK, 40 },
    { "dirección alternativa", "mirror", ANY, MARK, 40 },
    { "sitio espejo", "mirror", ANY, MARK, 40 },
    { "endereço alternativo", "mirror", ANY, MARK, 40 },
    { "зеркало сайта", "mirror", ANY, MARK, 40 },
    { "рабочее зеркало", "mirror", ANY, MARK, 40 },
    { "если сайт заблокирован", "mirror", ANY, MARK, 40 },
    { "indirizzo alternativo", "mirror", ANY, MARK, 40 },
    { "sito mirror", "mirror", ANY, MARK, 40 },
    /* Syndication notices: the article comes from another outlet. */
    { "this article first appeared", "mirror", START, 0, 40 },
    { "this story first appeared", "mirror", START, 0, 40 },
    { "this post first appeared", "mirror", START, 0, 40 },
    { "this article originally appeared", "mirror", START, 0, 40 },
    { "this story originally appeared", "mirror", START, 0, 40 },
    { "this article was first published", "mirror", START, 0, 40 },
    { "this story was first published", "mirror", START, 0, 40 },
    { "this article was originally published", "mirror", START, 0, 40 },
    { "this story was originally published", "mirror", START, 0, 40 },
    { "this post was originally published", "mirror", START, 0, 40 },
    { "this article is republished", "mirror", START, 0, 40 },
    { "this article has been republished", "mirror", START, 0, 40 },
    { "originally published by", "mirror", START, EDGE, 30 },
    { "originally published at", "mirror", START, EDGE, 30 },
    { "originally published on", "mirror", START, EDGE, 30 },
    { "republished with permission", "mirror", START, 0, 30 },
    { "appeared first on", "mirror", ANY, EDGE, 40 },
    { "dieser artikel erschien zuerst", "mirror", START, 0, 40 },
    { "dieser beitrag erschien zuerst", "mirror", START, 0, 40 },
    { "dieser text erschien zuerst", "mirror", START, 0, 40 },
    { "zuerst erschienen", "mirror", START, EDGE, 30 },
    { "erstveröffentlichung", "mirror", START, EDGE, 30 },
    { "cet article a été initialement publié", "mirror", START, 0, 40 },
    { "cet article a d'abord été publié", "mirror", START, 0, 40 },
    { "cet article est initialement paru", "mirror", START, 0, 40 },
    { "article initialement publié", "mirror", START, EDGE, 30 },
    { "este artículo fue publicado originalmente", "mirror", START, 0, 40 },
    { "este artículo se publicó originalmente", "mirror", START, 0, 40 },
    { "artículo publicado originalmente", "mirror", START, EDGE, 30 },
    { "este artigo foi publicado originalmente", "mirror", START, 0, 40 },
    { "este texto foi publicado originalmente", "mirror", START, 0, 40 },
    { "artigo publicado originalmente", "mirror", START, EDGE, 30 },
    { "questo articolo è stato pubblicato originariamente", "mirror", START, 0, 40 },
    { "questo articolo è stato pubblicato per la prima volta", "mirror", START, 0, 40 },
    { "articolo pubblicato originariamente", "mirror", START, EDGE, 30 },
    { "статья впервые опубликована", "mirror", START, 0, 40 },
    { "материал впервые опубликован", "mirror", START, 0, 40 },

    /* Share and follow prompts. */
    { "share this article", "share", START, MARK, 10 },
    { "share this story", "share", START, MARK, 10 },
    { "share this post", "share", START, MARK, 10 },
    { "share this page", "share", START, MARK, 10 },
    { "share this", "share", WHOLE, MARK, 3 },
    { "share article", "share", WHOLE, MARK, 3 },
    { "share", "share", WHOLE, MARK, 2 },
    { "share:", "share", START, MARK, 10 },
    { "share on", "share", START, 0, 8 },
    { "share via", "share", START, 0, 8 },
    { "click to share", "share", START, 0, 10 },
    { "tweet", "share", WHOLE, 0, 2 },
    { "print", "share", WHOLE, WEAK, 2 },
    { "copy link", "share", WHOLE, 0, 3 },
    { "email this", "share", START, 0, 6 },
    { "follow us", "share", START, 0, 14 },
    { "follow us on", "share", ANY, 0, 14 },
    { "like us on facebook", "share", ANY, 0, 14 },
    { "diesen artikel teilen", "share", START, MARK, 10 },
    { "artikel teilen", "share", START, MARK, 10 },
    { "teilen", "share", WHOLE, 0, 2 },
    { "folgen sie uns", "share", START, 0, 14 },
    { "partager cet article", "share", START, MARK, 10 },
    { "partager", "share", WHOLE, 0, 2 },
    { "partager sur", "share", START, 0, 8 },
    { "suivez-nous", "share", START, 0, 14 },
    { "compartir este artículo", "share", START, MARK, 10 },
    { "compartir", "share", WHOLE, 0, 2 },
    { "compartir en", "share", START, 0, 8 },
    { "síguenos", "share", START, 0, 14 },
    { "compartilhe", "share", START, 0, 10 },
    { "compartilhar", "share", WHOLE, 0, 2 },
    { "siga-nos", "share", START, 0, 14 },
    { "поделиться", "share", START, 0, 8 },
    { "подписывайтесь на нас", "share", START, 0, 14 },
    { "condividi", "share", START, 0, 8 },
    { "seguici", "share", START, 0, 14 },
    /* "Follow <Outlet> on X and Instagram": only with a social network. */
    { "follow", "share", START, SOCIAL, 25 },
    { "find us on", "share", START, SOCIAL, 20 },
    { "join us on", "share", START, SOCIAL, 20 },
    { "connect with us", "share", START, SOCIAL, 20 },
    { "folgen sie", "share", START, SOCIAL, 25 },
    { "folge uns", "share", START, SOCIAL, 20 },
    { "folgt uns", "share", START, SOCIAL, 20 },
    { "suivez", "share", START, SOCIAL, 25 },
    { "retrouvez-nous sur", "share", START, SOCIAL, 20 },
    { "rejoignez-nous sur", "share", START, SOCIAL, 20 },
    { "sigue a", "share", START, SOCIAL, 25 },
    { "siga a", "share", START, SOCIAL, 25 },
    { "siga o", "share", START, SOCIAL, 25 },
    { "acompanhe", "share", START, SOCIAL, 25 },
    { "segui", "share", START, SOCIAL, 25 },
    { "seguite", "share", START, SOCIAL, 25 },
    { "подписывайтесь", "share", START, SOCIAL, 25 },
    { "читайте нас", "share", START, SOCIAL, 20 },

    /* Newsletter, subscription and app prompts. */
    { "subscribe", "subscribe", WHOLE, 0, 2 },
    { "subscribe to our", "subscribe", ANY, 0, 20 },
    { "subscribe now", "subscribe", ANY, 0, 20 },
    { "subscribe to", "subscribe", START, 0, 25 },
    { "subscribe for", "subscribe", START, 0, 25 },
    { "sign up for our", "subscribe", ANY, 0, 20 },
    { "sign up to our", "subscribe", ANY, 0, 20 },
    { "sign up for", "subscribe", START, 0, 25 },
    { "sign up to", "subscribe", START, 0, 25 },
    { "sign up", "subscribe", WHOLE, 0, 2 },
    { "our newsletter", "subscribe", ANY, 0, 20 },
    { "newsletter", "subscribe", START, 0, 12 },
    { "get our app", "subscribe", ANY, 0, 20 },
    { "download our app", "subscribe", ANY, 0, 20 },
    { "download the app", "subscribe", ANY, 0, 20 },
    { "get the app", "subscribe", ANY, 0, 20 },
    { "install our app", "subscribe", ANY, 0, 20 },
    { "app store", "subscribe", ANY, WEAK, 12 },
    { "google play", "subscribe", ANY, WEAK, 12 },
    { "apple tv", "subscribe", ANY, WEAK, 8 },
    { "roku", "subscribe", ANY, WEAK, 8 },
    { "android", "subscribe", ANY, WEAK, 8 },
    { "ios", "subscribe", ANY, WEAK, 8 },
    { "smart tv", "subscribe", ANY, WEAK, 8 },
    { "newsletter abonnieren", "subscribe", ANY, 0, 20 },
    { "jetzt abonnieren", "subscribe", ANY, 0, 20 },
    { "abonnieren", "subscribe", WHOLE, 0, 2 },
    { "zum newsletter", "subscribe", ANY, 0, 20 },
    { "abonnez-vous", "subscribe", ANY, 0, 20 },
    { "s'abonner", "subscribe", START, 0, 25 },
    { "inscrivez-vous", "subscribe", START, 0, 25 },
    { "notre newsletter", "subscribe", ANY, 0, 20 },
    { "suscríbete", "subscribe", ANY, 0, 20 },
    { "suscribirse", "subscribe", START, 0, 25 },
    { "nuestro boletín", "subscribe", ANY, 0, 20 },
    { "assine", "subscribe", START, 0, 25 },
    { "inscreva-se", "subscribe", ANY, 0, 20 },
    { "nossa newsletter", "subscribe", ANY, 0, 20 },
    { "подпишитесь", "subscribe", ANY, 0, 20 },
    { "подписаться", "subscribe", START, 0, 25 },
    { "iscriviti", "subscribe", ANY, 0, 20 },
    { "abbonati", "subscribe", START, 0, 25 },
    { "la nostra newsletter", "subscribe", ANY, 0, 20 },
    /* Inbox, paywall and membership prompts. */
    { "subscribe today", "subscribe", START, 0, 30 },
    { "subscribe here", "subscribe", ANY, EDGE, 20 },
    { "sign up here", "subscribe", ANY, EDGE, 25 },
    { "sign up now", "subscribe", ANY, EDGE, 25 },
    { "sign up today", "subscribe", ANY, EDGE, 25 },
    { "in your inbox", "subscribe", ANY, EDGE, 25 },
    { "to your inbox", "subscribe", ANY, EDGE, 25 },
    { "unlimited digital access", "subscribe", ANY, EDGE, 30 },
    { "already a subscriber", "subscribe", START, 0, 12 },
    { "become a subscriber", "subscribe", ANY, EDGE, 25 },
    { "become a member today", "subscribe", ANY, EDGE, 25 },
    { "support independent journalism", "subscribe", ANY, EDGE, 30 },
    { "support our journalism", "subscribe", ANY, EDGE, 30 },
    { "support quality journalism", "subscribe", ANY, EDGE, 30 },
    { "unterstützen sie unabhängigen journalismus", "subscribe", ANY, EDGE, 30 },
    { "unterstützen sie unseren journalismus", "subscribe", ANY, EDGE, 30 },
    { "in ihr postfach", "subscribe", ANY, EDGE, 25 },
    { "bereits abonnent", "subscribe", ANY, EDGE, 12 },
    { "soutenez le journalisme indépendant", "subscribe", ANY, EDGE, 30 },
    { "soutenez notre journalisme", "subscribe", ANY, EDGE, 30 },
    { "dans votre boîte mail", "subscribe", ANY, EDGE, 25 },
    { "dans votre boîte e-mail", "subscribe", ANY, EDGE, 25 },
    { "dans votre boîte de réception", "subscribe", ANY, EDGE, 25 },
    { "déjà abonné", "subscribe", ANY, EDGE, 12 },
    { "apoya el periodismo independiente", "subscribe", ANY, EDGE, 30 },
    { "apoya nuestro periodismo", "subscribe", ANY, EDGE, 30 },
    { "en tu bandeja de entrada", "subscribe", ANY, EDGE, 25 },
    { "ya eres suscriptor", "subscribe", ANY, EDGE, 12 },
    { "apoie o jornalismo independente", "subscribe", ANY, EDGE, 30 },
    { "apoie o nosso jornalismo", "subscribe", ANY, EDGE, 30 },
    { "na sua caixa de entrada", "subscribe", ANY, EDGE, 25 },
    { "já é assinante", "subscribe", ANY, EDGE, 12 },
    { "sostieni il giornalismo indipendente", "subscribe", ANY, EDGE, 30 },
    { "sostieni il nostro giornalismo", "subscribe", ANY, EDGE, 30 },
    { "nella tua casella di posta", "subscribe", ANY, EDGE, 25 },
    { "sei già abbonato", "subscribe", ANY, EDGE, 12 },
    { "поддержите независимую журналистику", "subscribe", ANY, EDGE, 30 },
    { "поддержите редакцию", "subscribe", ANY, EDGE, 30 },

    /* Site signatures and copyright lines. */
    { "all rights reserved", "signature", ANY, 0, 30 },
    { "copyright", "signature", START, 0, 25 },
    { "©", "signature", ANY, 0, 25 },
    { "(c) 19", "signature", START, 0, 25 },
    { "(c) 20", "signature", START, 0, 25 },
    { "alle rechte vorbehalten", "signature", ANY, 0, 30 },
    { "tous droits réservés", "signature", ANY, 0, 30 },
    { "todos los derechos reservados", "signature", ANY, 0, 30 },
    { "todos os direitos reservados", "signature", ANY, 0, 30 },
    { "все права защищены", "signature", ANY, 0, 30 },
    { "tutti i diritti riservati", "signature", ANY, 0, 30 },
    /* Reporting credits of wire copy: "(Reporting by A; Editing by B)". */
    { "reporting by", "signature", START, CREDIT, 40 },
    { "additional reporting by", "signature", START, CREDIT, 40 },
    { "editing by", "signature", START, CREDIT, 40 },
    { "writing by", "signature", START, CREDIT, 40 },
    { "compiled by", "signature", START, CREDIT, 20 },
    { "(reporting by", "signature", START, CREDIT, 40 },
    { "(additional reporting", "signature", START, CREDIT, 40 },
    { "(editing by", "signature", START, CREDIT, 40 },
    { "(writing by", "signature", START, CREDIT, 40 },
    { "(bericht von", "signature", START, CREDIT, 40 },
    { "(reporter:", "signature", START, CREDIT, 40 },
    { "(redigiert von", "signature", START, CREDIT, 40 },
    { "redigiert von", "signature", START, CREDIT, 40 },
    { "(mitarbeit:", "signature", START, CREDIT, 40 },
    { "(reportage", "signature", START, CREDIT, 40 },
    { "(édité par", "signature", START, CREDIT, 40 },
    { "(version française", "signature", START, CREDIT, 40 },
    { "(reporte de", "signature", START, CREDIT, 40 },
    { "(reportaje de", "signature", START, CREDIT, 40 },
    { "(información de", "signature", START, CREDIT, 40 },
    { "(editado por", "signature", START, CREDIT, 40 },
    { "(editado en español por", "signature", START, CREDIT, 40 },
    { "(reportagem de", "signature", START, CREDIT, 40 },
    { "(reportagem adicional de", "signature", START, CREDIT, 40 },
    { "(edição de", "signature", START, CREDIT, 40 },
    { "(hanno collaborato", "signature", START, CREDIT, 40 },
    { "(ha collaborato", "signature", START, CREDIT, 40 },
    { "(in redazione", "signature", START, CREDIT, 40 },
    { "(tradotto da", "signature", START, CREDIT, 40 },
    { "(репортаж", "signature", START, CREDIT, 40 },
    { "(подготовил", "signature", START, CREDIT, 40 },
    { "(подготовила", "signature", START, CREDIT, 40 },
    { "(редактор", "signature", START, CREDIT, 40 },

    /* Audio players and reading-time widgets. */
    { "listen to this article", "widget", START, 0, 10 },
    { "listen to this story", "widget", START, 0, 10 },
    { "listen to article", "widget", START, 0, 10 },
    { "listen to the article", "widget", START, 0, 10 },
    { "estimated reading time", "widget", START, 0, 8 },
    { "reading time", "widget", START, 0, 8 },
    { "min read", "widget", END, SL_CUE_DATED, 6 },
    { "minute read", "widget", END, SL_CUE_DATED, 6 },
    { "diesen artikel anhören", "widget", START, 0, 10 },
    { "artikel anhören", "widget", START, 0, 10 },
    { "artikel vorlesen", "widget", START, 0, 10 },
    { "beitrag anhören", "widget", START, 0, 10 },
    { "lesezeit", "widget", START, 0, 6 },
    { "lesezeit", "widget", END, SL_CUE_DATED, 6 },
    { "écouter cet article", "widget", START, 0, 10 },
    { "écouter l'article", "widget", START, 0, 10 },
    { "temps de lecture", "widget", START, 0, 8 },
    { "min de lecture", "widget", END, SL_CUE_DATED, 6 },
    { "escuchar este artículo", "widget", START, 0, 10 },
    { "escucha este artículo", "widget", START, 0, 10 },
    { "escuchar artículo", "widget", START, 0, 10 },
    { "tiempo de lectura", "widget", START, 0, 8 },
    { "min de lectura", "widget", END, SL_CUE_DATED, 6 },
    { "ouvir este artigo", "widget", START, 0, 10 },
    { "ouça este artigo", "widget", START, 0, 10 },
    { "ouvir artigo", "widget", START, 0, 10 },
    { "tempo de leitura", "widget", START, 0, 8 },
    { "min de leitura", "widget", END, SL_CUE_DATED, 6 },
    { "ascolta l'articolo", "widget", START, 0, 10 },
    { "ascolta questo articolo", "widget", START, 0, 10 },
    { "tempo di lettura", "widget", START, 0, 8 },
    { "min di lettura", "widget", END, SL_CUE_DATED, 6 },
    { "слушать статью", "widget", START, 0, 10 },
    { "прослушать статью", "widget", START, 0, 10 },
    { "послушать статью", "widget", START, 0, 10 },
    { "время чтения", "widget", START, 0, 8 },

    /* Publication timestamps ("Published January 14, 2025, 7:40 a.m."):
     * removed so that the text starts with the article, and kept in the
     * removals (reason "timestamp") for the date stage to read. */
    { "published", "timestamp", START, DATED, 14 },
    { "first published", "timestamp", START, DATED, 14 },
    { "updated", "timestamp", START, DATED, 14 },
    { "last updated", "timestamp", START, DATED, 14 },
    { "posted", "timestamp", START, DATED, 14 },
    { "last modified", "timestamp", START, DATED, 14 },
    { "veröffentlicht", "timestamp", START, DATED, 14 },
    { "aktualisiert", "timestamp", START, DATED, 14 },
    { "zuletzt aktualisiert", "timestamp", START, DATED, 14 },
    { "stand:", "timestamp", START, DATED, 14 },
    { "erstellt am", "timestamp", START, DATED, 14 },
    { "publié", "timestamp", START, DATED, 14 },
    { "mis à jour", "timestamp", START, DATED, 14 },
    { "modifié le", "timestamp", START, DATED, 14 },
    { "actualisé", "timestamp", START, DATED, 14 },
    { "publicado", "timestamp", START, DATED, 14 },
    { "actualizado", "timestamp", START, DATED, 14 },
    { "última actualización", "timestamp", START, DATED, 14 },
    { "atualizado", "timestamp", START, DATED, 14 },
    { "última atualização", "timestamp", START, DATED, 14 },
    { "pubblicato", "timestamp", START, DATED, 14 },
    { "aggiornato", "timestamp", START, DATED, 14 },
    { "ultimo aggiornamento", "timestamp", START, DATED, 14 },
    { "опубликовано", "timestamp", START, DATED, 14 },
    { "обновлено", "timestamp", START, DATED, 14 },
    { "дата публикации", "timestamp", START, DATED, 14 },

    /* Advertising slots. */
    { "advertisement", "advert", WHOLE, 0, 3 },
    { "advertising", "advert", WHOLE, 0, 3 },
    { "sponsored", "advert", WHOLE, 0, 3 },
    { "story continues below", "advert", START, 0, 8 },
    { "article continues below", "advert", START, 0, 8 },
    { "anzeige", "advert", WHOLE, 0, 3 },
    { "werbung", "advert", WHOLE, 0, 3 },
    { "publicité", "advert", WHOLE, 0, 3 },
    { "publicidad", "advert", WHOLE, 0, 3 },
    { "publicidade", "advert", WHOLE, 0, 3 },
    { "реклама", "advert", WHOLE, 0, 3 },
    { "pubblicità", "advert", WHOLE, 0, 3 },

    /* Navigation. */
    { "skip to content", "navigation", START, 0, 8 },
    { "skip to main content", "navigation", START, 0, 8 },
    { "zum inhalt springen", "navigation", START, 0, 8 },
    { "aller au contenu", "navigation", START, 0, 8 },
    { "ir al contenido", "navigation", START, 0, 8 },
    { "ir para o conteúdo", "navigation", START, 0, 8 },
    { "перейти к содержимому", "navigation", START, 0, 8 },
    { "vai al contenuto", "navigation", START, 0, 8 },
    { "menu", "navigation", WHOLE, 0, 2 },
    { "main menu", "navigation", WHOLE, 0, 3 },
    { "home", "navigation", WHOLE, 0, 2 },
    { "search", "navigation", WHOLE, 0, 2 },
    { "back to top", "navigation", WHOLE, 0, 4 },
    { "next article", "navigation", START, 0, 20 },
    { "previous article", "navigation", START, 0, 20 },
    { "next post", "navigation", START, 0, 20 },
    { "previous post", "navigation", START, 0, 20 },
    { "read more", "navigation", WHOLE, 0, 3 },
    { "continue reading", "navigation", WHOLE, 0, 3 },
    { "weiterlesen", "navigation", WHOLE, 0, 2 },
    { "mehr lesen", "navigation", WHOLE, 0, 3 },
    { "lire la suite", "navigation", WHOLE, 0, 4 },
    { "leer más", "navigation", WHOLE, 0, 3 },
    { "leia mais", "navigation", WHOLE, 0, 3 },
    { "читать далее", "navigation", WHOLE, 0, 3 },
    { "leggi tutto", "navigation", WHOLE, 0, 3 },
    { "read also", "navigation", START, 0, 20 },
    { "also read", "navigation", START, 0, 20 },
    { "see also", "navigation", START, 0, 15 },
    { "lesen sie auch", "navigation", START, 0, 20 },
    { "lire aussi", "navigation", START, 0, 20 },
    { "à lire aussi", "navigation", START, 0, 20 },
    { "lee también", "navigation", START, 0, 20 },
    { "leia também", "navigation", START, 0, 20 },
    { "читайте также", "navigation", START, 0, 20 },
    { "leggi anche", "navigation", START, 0, 20 },
};

static const char *const social_words[] = {
    "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "pinterest", "reddit",
    "email", "e-mail", "mail", "print", "vk", "vkontakte", "вконтакте", "одноклассники",
    "messenger", "tumblr", "flipboard", "instagram", "youtube", "tiktok", "threads", "bluesky",
    "mastodon", "viber", "xing", "pocket", "copy", "link", "share", "tweet", "whatsapp",
};

static const char *const menu_words[] = {
    "home", "news", "world", "sport", "sports", "business", "politics", "opinion", "culture",
    "entertainment", "tech", "technology", "science", "health", "lifestyle", "travel", "video",
    "videos", "photos", "about", "contact", "login", "register", "search", "menu", "archive",
    "weather", "economy", "markets", "education", "local", "more", "startseite", "nachrichten",
    "politik", "wirtschaft", "kultur", "kontakt", "impressum", "datenschutz", "accueil",
    "actualités", "économie", "société", "inicio", "noticias", "deportes", "economía",
    "contacto", "início", "notícias", "esportes", "главная", "новости", "политика",
    "экономика", "спорт", "контакты", "notizie", "cronaca", "politica", "economia", "contatti",
};

static const char *const by_words[] = {
    "by", "von", "par", "por", "di", "от", "автор", "автор:", "text:", "texto:", "by:",
};

/* Words of news outlets, agencies and newsroom roles (the right side of a
 * "Name Name, Outlet" byline). */
static const char *const media_words[] = {
    "news", "press", "presse", "times", "post", "journal", "herald", "tribune", "daily",
    "gazette", "telegraph", "guardian", "agency", "agence", "agencia", "agência", "agenzia",
    "agentur", "reuters", "ap", "afp", "bbc", "cnn", "dpa", "efe", "ansa", "tass", "xinhua",
    "bloomberg", "upi", "lusa", "ria", "interfax", "reporter", "correspondent", "editor", "staff",
    "writer", "contributor", "tv", "radio", "online", "media", "wire", "zeitung", "redaktion",
    "rédaction", "redacción", "redação", "redazione", "journalist", "journaliste",
    "periodista", "jornalista", "giornalista", "корреспондент", "редакция", "новости",
    "reportero", "reporter", "korrespondent", "korrespondentin", "envoyé", "enviado",
    "inviato",
};

static const char *const particles[] = {
    "de", "da", "del", "della", "di", "do", "dos", "das", "van", "von", "der", "den", "la",
    "le", "al", "el", "bin", "ben", "y", "e", "and", "und", "et", "&", "и", "ve",
};

/* Common nouns of places: "Central Stadium, Riverside" names no person. */
static const char *const place_nouns[] = {
    "stadium", "arena", "street", "road", "avenue", "square", "park", "hall", "centre",
    "center", "station", "airport", "bridge", "university", "college", "school", "hospital",
    "church", "cathedral", "museum", "theatre", "theater", "palace", "castle", "tower",
    "court", "house", "hotel", "harbour", "harbor", "port", "beach", "lake", "river",
    "island", "valley", "county", "city", "district", "stadion", "straße", "strasse",
    "platz", "halle", "bahnhof", "flughafen", "brücke", "kirche", "rathaus", "schule",
    "stade", "rue", "place", "parc", "salle", "gare", "aéroport", "pont", "église", "musée",
    "palais", "estadio", "calle", "plaza", "parque", "sala", "estación", "aeropuerto",
    "puente", "iglesia", "museo", "palacio", "estádio", "rua", "praça", "estação",
    "aeroporto", "ponte", "igreja", "palácio", "stadio", "via", "piazza", "parco", "stazione",
    "chiesa", "palazzo", "стадион", "улица", "площадь", "парк", "зал", "вокзал",
    "аэропорт", "мост", "церковь", "музей", "дворец",
};

/* Words of a timestamp besides its numbers: months, weekdays, time zones
 * and the small words between them ("Published on Monday 14 January 2025
 * at 7:40 a.m. GMT", "vor 2 Stunden", "il y a 3 heures"). */
static const char *const date_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "lunes",
    "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "janeiro", "fevereiro",
    "março", "maio", "junho", "julho", "setembro", "outubro", "dezembro", "segunda-feira",
    "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "lunedì",
    "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "января", "февраля", "марта",
    "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
    "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt",
    "et", "uhr", "h", "hrs", "on", "at", "|", "-", "/", "·", "•", "updated", "le", "à", "um",
    "el", "de", "del", "em", "às", "il", "alle", "ore", "в", "г", "hour", "hours", "minute",
    "minutes", "mins", "min", "day", "days", "ago", "vor", "stunden", "minuten", "y", "a",
    "hace", "horas", "há", "fa", "heures", "назад", "часа", "часов", "минут",
};

/* Endings of newsroom credits (folded), longest first where one ends
 * another. */
static const char *const staff_tails[] = {
    "staff and wire reports", "staff and wire services", "staff and agencies",
    "and wire reports", "and wire services", "wire reports", "staff reports", "staff report",
    "and agencies", "with agencies", "mit agenturen", "und agenturen", "avec agences",
    "et agences", "y agencias", "con agencias", "com agências", "e agências", "e agenzie",
    "con agenzie", "и агентства",
};

/* Called for every word of every line: reject on the first byte before
 * comparing; strncmp stops at the end of a shorter list word. */
static bool in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == w[0] && strncmp(list[i], w, len) == 0 && list[i][len] == '\0')
            return true;
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool sl_lex_is_social(const char *w, size_t len)
{
    return in_list(social_words, COUNT(social_words), w, len);
}

bool sl_lex_is_menu(const char *w, size_t len)
{
    return in_list(menu_words, COUNT(menu_words), w, len);
}

bool sl_lex_is_media(const char *w, size_t len)
{
    return in_list(media_words, COUNT(media_words), w, len);
}

bool sl_lex_is_by(const char *w, size_t len)
{
    return in_list(by_words, COUNT(by_words), w, len);
}

bool sl_lex_is_particle(const char *w, size_t len)
{
    return in_list(particles, COUNT(particles), w, len);
}

bool sl_lex_is_place_noun(const char *w, size_t len)
{
    return in_list(place_nouns, COUNT(place_nouns), w, len);
}

bool sl_lex_is_date_word(const char *w, size_t len)
{
    return in_list(date_words, COUNT(date_words), w, len);
}

size_t sl_lex_staff_tail(const char *low, size_t len)
{
    for (size_t i = 0; i < COUNT(staff_tails); i++) {
        size_t n = strlen(staff_tails[i]);
        /* At the end, after a space or at the start of the line. */
        if (n <= len && memcmp(low + len - n, staff_tails[i], n) == 0 &&
            (n == len || low[len - n - 1] == ' '))
            return len - n;
    }
    return len;
}

/* Lower-case one code point (Latin, Greek, Cyrillic) and map typographic
 * apostrophes, quotes and dashes to ASCII. */
uint32_t sl_lex_fold_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9) ||
        (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c >= 0x100 && c <= 0x17F && c % 2 == 0 && c != 0x138)
        return c + 1;
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032)
        return '\'';
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB)
        return '"';
    if (c >= 0x2010 && c <= 0x2015)
        return '-';
    return c;
}

/* Fold one non-ASCII character at s[0..len) into o; returns the bytes
 * written and sets *adv to the bytes read.  Folding never makes a
 * character longer: a longer or invalid result keeps the original bytes. */
static size_t fold_multibyte(const char *s, size_t len, char *o, size_t *adv)
{
    int32_t cp = sl_utf8_decode(s, len, adv);
    char enc[4];
    size_t n = cp < 0 ? 0 : sl_utf8_encode(sl_lex_fold_cp((uint32_t)cp), enc);
    if (n == 0 || n > *adv) {
        memcpy(o, s, *adv);
        return *adv;
    }
    memcpy(o, enc, n);
    return n;
}

int sl_lex_fold(sl_buf *out, const char *s, size_t len)
{
    sl_buf_reset(out);
    int rc = sl_buf_reserve(out, len);
    if (rc)
        return rc;
    /* The output is never longer than the input, so it is written straight
     * into the reserved buffer; ASCII (most text) is lower-cased in place
     * without decoding. */
    char *o = out->ptr;
    size_t i = 0, n = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        size_t adv;
        n += fold_multibyte(s + i, len - i, o + n, &adv);
        i += adv;
    }
    out->len = n;
    o[n] = '\0';
    return SL_OK;
}

_Static_assert(COUNT(cues) <= SL_LEX_MAX_CUES, "SL_LEX_MAX_CUES is too small");
_Static_assert(COUNT(social_words) + COUNT(menu_words) < SL_LEX_WORD_SLOTS / 2,
               "SL_LEX_WORD_SLOTS is too small");

const sl_cue *sl_lex_cues(size_t *n)
{
    *n = COUNT(cues);
    return cues;
}

const char *const *sl_lex_social_words(size_t *n)
{
    *n = COUNT(social_words);
    return social_words;
}

const char *const *sl_lex_menu_words(size_t *n)
{
    *n = COUNT(menu_words);
    return menu_words;
}
