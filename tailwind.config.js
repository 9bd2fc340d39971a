/** Tailwind v3 build for Genesis: classes are read from templ views and Go handlers. */
module.exports = {
  content: ["./views/**/*.templ", "./views/**/*.go", "./handlers/**/*.go", "./static/js/app.js"],
  theme: {
    extend: {},
  },
  plugins: [require("@tailwindcss/forms")],
};
