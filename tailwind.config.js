/** Tailwind v3 build for Genesis: classes are read from templ views and Go handlers. */
module.exports = {
  // Generated websites carry their own CSS (views/site/themes), so their classes stay out of app.css.
  content: ["./views/**/*.templ", "./views/**/*.go", "!./views/site/**", "./handlers/**/*.go", "./static/js/app.js"],
  theme: {
    extend: {},
  },
  plugins: [require("@tailwindcss/forms")],
};
